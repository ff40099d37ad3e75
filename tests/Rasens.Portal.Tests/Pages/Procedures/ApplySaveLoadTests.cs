using Microsoft.EntityFrameworkCore;
using System.Net;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>Save, load and reuse on the entry form (Apply.SaveLoad.cs): what was typed comes back, an altered file is refused.</summary>
public sealed class ApplySaveLoadTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Page = "/Procedures/institution-or-spouse-notification/Apply";

    [Fact]
    public async Task SaveThenLoad_GivesBackWhatWasTypedAndSaysAttachmentsAreNotSaved()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
        var fields = new Dictionary<string, string> { ["SubmissionKey"] = key, ["Values[statusOfResidence]"] = "STUDENT", ["Values[formerName]"] = "途中まで入力" };

        var saved = await client.PostHandlerAsync(Page, "Save", fields);
        Assert.Equal("application/octet-stream", saved.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^rasens-institution-or-spouse-notification-[0-9]{8}\\.rasens$", saved.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = await saved.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var loaded = await (await LoadAsync(client, file, "mine.rasens", new() { ["SubmissionKey"] = key })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"filled-notice\"", loaded, StringComparison.Ordinal);
        Assert.Contains("value=\"途中まで入力\"", loaded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"STUDENT\" selected=\"selected\"", loaded, StringComparison.Ordinal);
        Assert.Equal(key, PortalSteps.HiddenValue(loaded, "SubmissionKey")); // the same entry: its files stay with it
    }

    [Fact]
    public async Task Load_AlteredFile_IsRefusedNamingTheFile_AndKeepsWhatWasTyped()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
        var typed = new Dictionary<string, string> { ["SubmissionKey"] = key, ["Values[statusOfResidence]"] = "STUDENT", ["Values[formerName]"] = "入力したばかり" };

        var html = await (await LoadAsync(client, "definitely-not-saved-data"u8.ToArray(), "edited.rasens", typed)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"load-error\"", html, StringComparison.Ordinal);
        Assert.Contains("edited.rasens", html, StringComparison.Ordinal);
        Assert.Contains("value=\"入力したばかり\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"STUDENT\" selected=\"selected\"", html, StringComparison.Ordinal);
        Assert.Equal(key, PortalSteps.HiddenValue(html, "SubmissionKey"));
    }

    [Fact]
    public async Task LoadThenApply_Twice_MakesTwoApplications_EachOnceHoweverOftenApplyIsSent()
    {
        var (client, me) = await app.LoggedInApplicantAsync(approved: true);
        var first = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
        var file = await (await client.PostHandlerAsync(Page, "Save", FormExamples.LeavingNotification().AsFormFields(("SubmissionKey", first)))).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var locations = new List<Uri?>();
        foreach (var _ in new[] { 1, 2 })
        {
            var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Page), "SubmissionKey");
            var loaded = await (await LoadAsync(client, file, "saved.rasens", new() { ["SubmissionKey"] = key })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var entry = PortalSteps.HiddenValue(loaded, "SubmissionKey");
            Assert.Equal(key, entry);
            var fields = FormExamples.LeavingNotification().AsFormFields(("SubmissionKey", entry));
            Assert.Equal(HttpStatusCode.OK, (await client.PostHandlerAsync(Page, "Confirm", fields)).StatusCode);
            var applied = await client.PostHandlerAsync(Page, "Apply", fields);
            var resent = await client.PostHandlerAsync(Page, "Apply", fields);
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
            Assert.Equal(applied.Headers.Location, resent.Headers.Location);
            locations.Add(applied.Headers.Location);
        }

        Assert.NotEqual(locations[0], locations[1]);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.Applications.CountAsync(a => a.ApplicantId == me.Id && a.ProcedureId == (int)ProcedureKind.InstitutionOrSpouseNotification, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reuse_OwnRecentCase_FillsTheForm_ButNotSomeoneElsesOrAnOldOne()
    {
        var (client, me) = await app.LoggedInApplicantAsync(approved: true);
        var (recent, old, theirs) = await app.SeedPastNotificationsAsync(me);

        var filled = await client.OpenEntryAsync($"{Page}?reuse={recent.Id}");
        Assert.Contains("value=\"前回の大学\"", filled, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Page}?reuse={old.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Page}?reuse={theirs.Id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>Load, posted as the browser does: the whole entry form (its key and what is typed) with the chosen file.</summary>
    private static Task<HttpResponseMessage> LoadAsync(HttpClient client, byte[] file, string name, Dictionary<string, string> form) =>
        client.PostFilesAsync(Page, "Load", form, new PortalSteps.FilePart("SavedFile", name, file));
}
