using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

public sealed class SaveLoadReuseTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Page = "/Procedures/institution-or-spouse-notification/Apply";

    [Fact]
    public async Task SaveThenLoad_GivesBackWhatWasTypedAndSaysAttachmentsAreNotSaved()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);
        var key = PortalSteps.HiddenValue(await client.GetStringAsync(Page, TestContext.Current.CancellationToken), "SubmissionKey");
        var fields = new Dictionary<string, string> { ["SubmissionKey"] = key, ["Values[statusOfResidence]"] = "STUDENT", ["Values[formerName]"] = "途中まで入力" };

        var saved = await client.PostHandlerAsync(Page, "Save", fields);
        Assert.Equal("application/octet-stream", saved.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^rasens-institution-or-spouse-notification-[0-9]{8}\\.rasens$", saved.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = await saved.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var loaded = await (await LoadAsync(client, file, "mine.rasens")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"filled-notice\"", loaded, StringComparison.Ordinal);
        Assert.Contains("value=\"途中まで入力\"", loaded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"STUDENT\" selected=\"selected\"", loaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AlteredFile_IsRefusedNamingTheFile()
    {
        var (client, _) = await app.LoggedInApplicantAsync(approved: true);

        var html = await (await LoadAsync(client, "definitely-not-saved-data"u8.ToArray(), "edited.rasens")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"load-error\"", html, StringComparison.Ordinal);
        Assert.Contains("edited.rasens", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reuse_OwnRecentCase_FillsTheForm_ButNotSomeoneElsesOrAnOldOne()
    {
        var (client, me) = await app.LoggedInApplicantAsync(approved: true);
        var examiner = A.Staff().Build();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(examiner, other);
        var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["statusOfResidence"] = "STUDENT", ["content"] = "ORG_LEAVING", ["formerName"] = "前回の大学" });
        var recent = A.Case(me).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-100));
        var old = A.Case(me).Notification().WithPayload(payload).Build(DateTime.UtcNow.AddDays(-800));
        var theirs = A.Case(other).Notification().WithPayload(payload).Build();
        await app.Database.SeedAsync(recent, old, theirs);

        var list = await client.GetStringAsync("/Procedures/institution-or-spouse-notification/Reuse", TestContext.Current.CancellationToken);
        Assert.Contains(recent.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(old.ReferenceNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ReferenceNumber, list, StringComparison.Ordinal);

        var filled = await client.GetStringAsync($"{Page}?reuse={recent.Id}", TestContext.Current.CancellationToken);
        Assert.Contains("value=\"前回の大学\"", filled, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Page}?reuse={old.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Page}?reuse={theirs.Id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<HttpResponseMessage> LoadAsync(HttpClient client, byte[] file, string name)
    {
        var token = Html.AntiforgeryToken(await client.GetStringAsync(Page));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "SavedFile", name);
        return await client.PostAsync(Page + "?handler=Load", content);
    }

}
