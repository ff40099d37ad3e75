using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Applications;

/// <summary>A notification with a registration error: the examiner's request shown, Modify, resubmit (001 §4.3).</summary>
public sealed class ModifyTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Modify_RegistrationError_ShowsTheRequestAndResubmittingReturnsItToTheOffice()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var mine = await ReturnedAsync(me, examiner);

        var details = await client.GetStringAsync($"/Applications/{mine.Id}", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"correction-request\"", details, StringComparison.Ordinal);
        Assert.Contains("Reason given in the test.", details, StringComparison.Ordinal);
        Assert.Contains("The name must match the registered name.", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Applications/{mine.Id}/Modify\"", details, StringComparison.Ordinal);

        var form = await client.GetStringAsync($"/Applications/{mine.Id}/Modify", TestContext.Current.CancellationToken);
        Assert.Contains("value=\"東京大学\"", form, StringComparison.Ordinal); // the case's own data
        var version = PortalSteps.HiddenValue(form, "Version");
        var fields = Fields(version);
        fields["Values[formerName]"] = "国立大学法人東京大学";

        var confirm = await (await client.PostHandlerAsync($"/Applications/{mine.Id}/Modify", "Confirm", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        var resubmitted = await client.PostHandlerAsync($"/Applications/{mine.Id}/Modify", "Resubmit", fields);

        Assert.Equal($"/Applications/{mine.Id}?resubmitted=1", resubmitted.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var stored = await db.Applications.Include(a => a.History).SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken);
        Assert.Equal(ApplicationStatus.ApplicationCompleted, stored.Status);
        Assert.Equal(1, stored.CorrectionRound);
        Assert.Equal("国立大学法人東京大学", JsonDocument.Parse(stored.Payload).RootElement.GetProperty("formerName").GetString());
        var last = stored.History.OrderBy(h => h.Id).Last();
        Assert.Equal((CaseAction.Resubmit, me.Id), (last.Action, last.ActorId));
        Assert.NotNull((await db.CorrectionRequests.SingleAsync(r => r.ApplicationId == mine.Id, TestContext.Current.CancellationToken)).ResolvedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == mine.Id && a.Action == "case.resubmit", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Modify_BadValue_IsRefusedAtTheFieldAndTheCaseStaysWithTheApplicant()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var mine = await ReturnedAsync(me, examiner);
        var version = PortalSteps.HiddenValue(await client.GetStringAsync($"/Applications/{mine.Id}/Modify", TestContext.Current.CancellationToken), "Version");
        var fields = Fields(version);
        fields["Values[eventDate]"] = "2999-01-01";

        var html = await (await client.PostHandlerAsync($"/Applications/{mine.Id}/Modify", "Resubmit", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#f_eventDate\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2999-01-01\"", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationStatus.RegistrationError, (await db.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Modify_TheOfficeChangedTheCaseMeanwhile_IsRefusedAndNothingIsOverwritten()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var mine = await ReturnedAsync(me, examiner);
        var version = PortalSteps.HiddenValue(await client.GetStringAsync($"/Applications/{mine.Id}/Modify", TestContext.Current.CancellationToken), "Version");

        var html = await (await client.PostHandlerAsync($"/Applications/{mine.Id}/Modify", "Resubmit", Fields((int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"action-refused\"", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationStatus.RegistrationError, (await db.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Modify_CaseNotWaitingOrSomeoneElses_IsNotOffered()
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        var pending = A.Case(me).Notification().Build();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(other);
        var theirs = A.Case(other).Notification().Build();
        await app.Database.SeedAsync(pending, theirs);

        Assert.Equal($"/Applications/{pending.Id}", (await client.GetAsync($"/Applications/{pending.Id}/Modify", TestContext.Current.CancellationToken)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{theirs.Id}/Modify", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Modify_ReturnedForANewPhoto_CannotBeResubmittedWithoutIt_ThenTheNewPhotoReplacesTheOld()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var returned = A.Case(me).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner)
            .WithPayload(JsonSerializer.Serialize(FormExamples.Extension())).Build();
        await app.Database.SeedAsync(returned);
        var oldPhoto = new Attachment
        {
            Id = Guid.NewGuid(), ApplicationId = returned.Id, OwnerApplicantId = me.Id, Kind = AttachmentKind.FacialPhoto, OriginalFileName = "old.jpg",
            StoredName = $"{Guid.NewGuid():N}.jpg", ContentType = "image/jpeg", Length = 100, Sha256 = new string('0', 64), UploadedAt = DateTime.UtcNow.AddDays(-3),
        };
        await app.Database.SeedAsync(oldPhoto, new CorrectionRequest
        {
            ApplicationId = returned.Id, Round = 0, RequestedById = examiner.Id, RequestedByName = examiner.DisplayName, RequestedAt = DateTime.UtcNow,
            Items = [new CorrectionItem { Kind = CorrectionItemKind.Photo, Target = "photo", Message = "The photo is older than 6 months." }],
        });
        var page = $"/Applications/{returned.Id}/Modify";
        var form = await client.GetStringAsync(page, TestContext.Current.CancellationToken);
        Assert.Contains("old.jpg", form, StringComparison.Ordinal); // the case's files are listed
        var fields = FormExamples.Extension().AsFormFields(("Version", PortalSteps.HiddenValue(form, "Version")), ("CorrectionKey", PortalSteps.HiddenValue(form, "CorrectionKey")));

        var refused = await (await client.PostHandlerAsync(page, "Resubmit", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("顔写真の再添付を求められています", refused, StringComparison.Ordinal);
        await client.PostFilesAsync(page, "Attach", fields, new PortalSteps.FilePart("Photo", "new.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));
        var resubmitted = await client.PostHandlerAsync(page, "Resubmit", fields);

        Assert.Equal($"/Applications/{returned.Id}?resubmitted=1", resubmitted.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationStatus.UnderReview, (await db.Applications.SingleAsync(a => a.Id == returned.Id, TestContext.Current.CancellationToken)).Status);
        var photos = await db.Attachments.Where(a => a.ApplicationId == returned.Id).OrderBy(a => a.UploadedAt).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["old.jpg", "new.jpg"], photos.Select(p => p.OriginalFileName));
        Assert.NotNull(photos[0].SupersededAt);
        Assert.Null(photos[1].SupersededAt);
        Assert.Equal(1, photos[1].Round);
    }

    private async Task<Application> ReturnedAsync(ApplicantUser me, StaffUser examiner)
    {
        var values = FormExamples.LeavingNotification();
        var returned = A.Case(me).Notification().InStatus(ApplicationStatus.RegistrationError).HeldBy(examiner).WithPayload(JsonSerializer.Serialize(values)).Build();
        await app.Database.SeedAsync(returned);
        await app.Database.SeedAsync(new CorrectionRequest
        {
            ApplicationId = returned.Id, Round = 0, RequestedById = examiner.Id, RequestedByName = examiner.DisplayName, RequestedAt = DateTime.UtcNow,
            Items = [new CorrectionItem { Kind = CorrectionItemKind.Field, Target = "formerName", Message = "The name must match the registered name." }],
        });
        return returned;
    }

    private static Dictionary<string, string> Fields(string version) => FormExamples.LeavingNotification().AsFormFields(("Version", version));
}
