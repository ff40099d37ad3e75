using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Cases;

/// <summary>The case page through HTTP: what it shows, the actions it offers and refuses, files, notes, return.</summary>
public abstract class CaseTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task CasePage_ShowsEveryFieldInJapaneseAndEnglishAndOffersOnlyClaim()
    {
        var (client, _) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).WithPayload(JsonSerializer.Serialize(FormExamples.Extension().WithReEntryAndPartTimeWork())));

        var html = await client.GetStringAsync($"/Cases/{application.Id}", Ct);

        Assert.Contains("氏名（英字）", html, StringComparison.Ordinal);
        Assert.Contains("Name (English letters)", html, StringComparison.Ordinal);
        Assert.Contains("NGUYEN,VAN AN", html, StringComparison.Ordinal);
        Assert.Contains("再入国許可申請（同時申請）", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"claim\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"action-Receive\"", html, StringComparison.Ordinal); // not until claimed
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Action == "case.view", Ct));
    }

    [Fact]
    public async Task Claim_ThenReceiveAndStartReview_ThroughThePage()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()));

        var claimed = await client.ActAsync(application.Id, "Claim");
        Assert.Equal($"/Cases/{application.Id}?done=claimed", claimed.Headers.Location?.OriginalString);
        Assert.Contains("この案件の担当になりました。", await client.GetStringAsync(claimed.Headers.Location!.OriginalString, Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "Receive")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "StartReview")).StatusCode);

        var html = await client.GetStringAsync($"/Cases/{application.Id}", Ct);
        Assert.Contains("data-status=\"UnderReview\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"action-Approve\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"action-ReturnForCorrection\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"reception-number\">東オンE26[0-9]{6}<", html);
        Assert.Contains(staff.DisplayName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_AlreadyTaken_SaysByWhomAndShowsTheCaseAsItIs()
    {
        var (first, holder) = await app.SignedInAsync();
        var (second, _) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()));
        var seenBySecond = await second.GetStringAsync($"/Cases/{application.Id}", Ct);
        await first.ActAsync(application.Id, "Claim");

        // The second examiner still has the page from before the first claimed it.
        var response = await second.ActAsync(application.Id, "Claim", version: WorkbenchSteps.VersionOn(seenBySecond));

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("data-testid=\"action-refused\"", html, StringComparison.Ordinal);
        Assert.Contains($"この案件は既に{holder.DisplayName}さんが担当しています。", html, StringComparison.Ordinal); // told who took it
        Assert.DoesNotContain("data-testid=\"claim\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_WithAnOldVersion_IsRefusedKeepingTheItems_ThenSentAgainAtTheCurrentVersion()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
        var page = $"/Cases/{application.Id}/Return";
        await client.GetStringAsync(page, Ct);
        Dictionary<string, string> Fields(int version) => new()
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Note"] = "補正をお願いします。",
            ["Items[0].Kind"] = "Document",
            ["Items[0].Document"] = "在学証明書",
            ["Items[0].Message"] = "発行から3か月以内のものを添付してください。",
        };

        var stale = await client.PostFormAsync(page, Fields(application.Version - 1));
        var html = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("data-testid=\"action-refused\"", html, StringComparison.Ordinal);
        Assert.Contains("発行から3か月以内のものを添付してください。", html, StringComparison.Ordinal); // kept
        Assert.Contains($"name=\"Version\" value=\"{application.Version}\"", html, StringComparison.Ordinal); // the current one, so a retry can work
        Assert.Equal(ApplicationStatus.UnderReview, (await LoadAsync(application.Id)).Status);

        var retried = await client.PostFormAsync(page, Fields(WorkbenchSteps.VersionOn(html)));
        Assert.Equal($"/Cases/{application.Id}?done=returned", retried.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ApplicationId == application.Id && a.Action == "case.return" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Return_AfterTheCaseWasReassigned_SaysWhoHoldsIt_KeepsTheItems_OffersNoSend_AndIsAudited()
    {
        var (client, staff) = await app.SignedInAsync();
        var (_, other) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
        var page = $"/Cases/{application.Id}/Return";
        var version = WorkbenchSteps.VersionOn(await client.GetStringAsync(page, Ct));
        await using (var db = app.Database.CreateContext())
        {
            var reassigned = await db.Applications.SingleAsync(a => a.Id == application.Id, Ct);
            Assert.True(reassigned.Assign(new Actor(ActorRole.Supervisor, Guid.NewGuid(), "統括"), other.Id, other.DisplayName, DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(Ct);
        }

        var response = await client.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Version"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Note"] = "補正をお願いします。",
            ["Items[0].Kind"] = "Document",
            ["Items[0].Document"] = "在学証明書",
            ["Items[0].Message"] = "最新のものを添付してください。",
        }, formPage: $"/Cases/{application.Id}"); // the Return form itself now sends them back to the case, as the last line shows

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"この案件は{other.DisplayName}さんが担当しています。", html, StringComparison.Ordinal);
        Assert.Contains("最新のものを添付してください。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"send-return\"", html, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.UnderReview, (await LoadAsync(application.Id)).Status);
        await using var check = app.Database.CreateContext();
        var refusal = await check.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "case.return" && a.Outcome == AuditOutcome.Refused, Ct);
        Assert.StartsWith("case.not-holder", refusal.Details, StringComparison.Ordinal);
        Assert.Equal(302, (int)(await client.GetAsync(page, Ct)).StatusCode); // the form itself now sends them back to the case
    }

    [Fact]
    public async Task Approve_WithAnOldVersion_IsRefusedAsChangedMeanwhile_NothingApplied()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

        var response = await client.ActAsync(application.Id, "Approve", version: application.Version - 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("他の職員により変更されました", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.UnderReview, (await LoadAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Deny_WithoutReasons_IsRefusedKeepingTheForm_WithReasons_IsDone()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

        var refused = await client.ActAsync(application.Id, "Deny", new Dictionary<string, string> { ["Text"] = " " });
        var denied = await client.ActAsync(application.Id, "Deny", new Dictionary<string, string> { ["Text"] = "活動内容が在留資格に該当しません。" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("申請人に通知する理由を入力してください。", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(ApplicationStatus.CompletedNotPermitted, (await LoadAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Examiner_CannotAssign_ActOnSomeoneElsesCase_OrPostWithoutToken()
    {
        var (client, _) = await app.SignedInAsync();
        var other = A.Staff().Build();
        await app.Database.SeedAsync(other);
        var theirs = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(other));

        // Their page offers this examiner no action (so no form with a version): posted by hand at the current one.
        var assign = await client.ActAsync(theirs.Id, "Assign", new Dictionary<string, string> { ["AssignTo"] = other.Id.ToString() }, theirs.Version);
        var approve = await client.ActAsync(theirs.Id, "Approve", version: theirs.Version);
        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["Version"] = theirs.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var forged = await client.PostAsync($"/Cases/{theirs.Id}?handler=Approve", noToken, Ct);

        Assert.Contains("統括のみが行えます", await assign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(other.DisplayName, await approve.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal); // "held by …"
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(ApplicationStatus.UnderReview, (await LoadAsync(theirs.Id)).Status);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ApplicationId == theirs.Id && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Administrator_IsRefusedTheCaseAndTheQueues_AndTheAttemptIsAudited()
    {
        var (client, admin) = await app.SignedInAsync(StaffRole.Administrator);
        var application = await SeedAsync(A.Case(await OwnerAsync()));

        var page = await client.GetAsync($"/Cases/{application.Id}", Ct);
        var queues = await client.GetAsync("/Queues/New", Ct);

        Assert.StartsWith("/Account/Denied", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Denied", queues.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ActorId == admin.Id && a.Action == "access.denied" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Supervisor_AssignsAndForceReleases()
    {
        var (client, _) = await app.SignedInAsync(StaffRole.Supervisor);
        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(examiner);
        var application = await SeedAsync(A.Case(await OwnerAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "Assign", new Dictionary<string, string> { ["AssignTo"] = examiner.Id.ToString() })).StatusCode);
        Assert.Equal(examiner.Id, (await LoadAsync(application.Id)).AssigneeId);
        Assert.Contains("data-testid=\"release\"", await client.GetStringAsync($"/Cases/{application.Id}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "Release")).StatusCode);
        Assert.Null((await LoadAsync(application.Id)).AssigneeId);
    }

    [Fact]
    public async Task Return_WithTwoItems_RecordsThemExactly_EmptyOrIncompleteRowsAreExplained()
    {
        var (client, staff) = await app.SignedInAsync();
        var owner = await OwnerAsync();
        var application = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
        var page = $"/Cases/{application.Id}/Return";
        var form = await client.GetStringAsync(page, Ct);
        Assert.Contains("住居地（町名・番地・建物名等） / Address in Japan (town, street and house number)", form, StringComparison.Ordinal);

        var incomplete = await client.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Version"] = application.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Note"] = "補正をお願いします。",
            ["Items[0].Kind"] = "Field",
            ["Items[0].Message"] = "番地まで入力してください。",
        });
        var incompleteHtml = await incomplete.Content.ReadAsStringAsync(Ct);
        Assert.Contains("href=\"#Items_0__Kind\"", incompleteHtml, StringComparison.Ordinal);
        Assert.Contains("番地まで入力してください。", incompleteHtml, StringComparison.Ordinal); // kept

        var sent = await client.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Version"] = application.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Note"] = "補正をお願いします。",
            ["Items[0].Kind"] = "Field",
            ["Items[0].Field"] = "addressStreet",
            ["Items[0].Message"] = "番地まで入力してください。",
            ["Items[1].Kind"] = "Document",
            ["Items[1].Document"] = "在学証明書",
            ["Items[1].Message"] = "発行から3か月以内のものを添付してください。",
        });

        Assert.Equal($"/Cases/{application.Id}?done=returned", sent.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var request = await db.CorrectionRequests.Include(r => r.Items).SingleAsync(r => r.ApplicationId == application.Id, Ct);
        Assert.Equal([("addressStreet", "番地まで入力してください。"), ("在学証明書", "発行から3か月以内のものを添付してください。")], request.Items.OrderBy(i => i.Id).Select(i => (i.Target, i.Message)));
        Assert.Equal(ApplicationStatus.InReturnProcess, (await LoadAsync(application.Id)).Status);
        Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == owner.Email && e.Template == "case-returned", Ct));
    }

    [Fact]
    public async Task Files_AreShownInlineOrDownloaded_AndOnlyTheCasesOwn()
    {
        var (client, _) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()));
        var other = await SeedAsync(A.Case(await OwnerAsync()));
        var stored = $"{Guid.NewGuid():N}.pdf";
        var pdf = TestFiles.Pdf("在学証明書");
        await new Rasens.Data.Files.LocalFileStore(Path.Combine(app.DataFolder, "files")).SaveAsync(stored, new MemoryStream(pdf), Ct);
        var file = new Attachment
        {
            Id = Guid.NewGuid(), ApplicationId = application.Id, OwnerApplicantId = application.ApplicantId, Kind = AttachmentKind.Document,
            OriginalFileName = "在学証明書.pdf", StoredName = stored, ContentType = "application/pdf", Length = pdf.Length, Sha256 = new string('0', 64), UploadedAt = DateTime.UtcNow,
        };
        await app.Database.SeedAsync(file);

        var inline = await client.GetAsync($"/Cases/{application.Id}?handler=File&file={file.Id}", Ct);
        var download = await client.GetAsync($"/Cases/{application.Id}?handler=File&file={file.Id}&download=true", Ct);
        var wrongCase = await client.GetAsync($"/Cases/{other.Id}?handler=File&file={file.Id}", Ct);

        Assert.Equal(pdf, await inline.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("在学証明書.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
    }

    [Fact]
    public async Task Note_IsAddedForStaffOnly_ByTheHolder()
    {
        var (client, staff) = await app.SignedInAsync();
        var (other, _) = await app.SignedInAsync();
        var application = await SeedAsync(A.Case(await OwnerAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

        // Another examiner, not holding the case, is refused (and it is audited); the holder writes the note.
        var offered = await other.GetStringAsync($"/Cases/{application.Id}", Ct);
        Assert.Contains("data-testid=\"note-needs-claim\"", offered, StringComparison.Ordinal);
        var refused = await other.ActAsync(application.Id, "Note", new Dictionary<string, string> { ["Text"] = "担当外からのメモ" }, application.Version);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("担当外からのメモ", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal); // kept in the form
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.InternalNotes.AnyAsync(n => n.ApplicationId == application.Id, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id && a.Action == "case.note" && a.Outcome == AuditOutcome.Refused, Ct));
        }

        var response = await client.ActAsync(application.Id, "Note", new Dictionary<string, string> { ["Text"] = "旅券の写しを確認済み。" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync($"/Cases/{application.Id}", Ct);
        Assert.Contains("旅券の写しを確認済み。", html, StringComparison.Ordinal);
        Assert.Contains(staff.DisplayName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCase_IsNotFound()
    {
        var (client, _) = await app.SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Cases/987654321", Ct)).StatusCode);
    }

    private async Task<ApplicantUser> OwnerAsync()
    {
        var owner = A.Applicant().Build();
        await app.Database.SeedAsync(owner);
        return owner;
    }

    private async Task<Application> SeedAsync(CaseBuilder builder)
    {
        var application = builder.Build();
        await app.Database.SeedAsync(application);
        return application;
    }

    private async Task<Application> LoadAsync(long id)
    {
        await using var db = app.Database.CreateContext();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class CaseTests_Sqlite(WorkbenchOnSqlite app) : CaseTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class CaseTests_Postgres(WorkbenchOnPostgres app) : CaseTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
