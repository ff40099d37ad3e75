using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Cases;

/// <summary>
/// The case page (Details.cshtml, Details.Actions.cs) through HTTP: what it shows, the actions it offers and refuses,
/// files and notes. Its e-mails are in <see cref="DetailsEmailsTests{TFixture}"/>; the return form in <see cref="ReturnTests{TFixture}"/>.
/// </summary>
public abstract class DetailsTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task CasePage_ShowsEveryFieldInJapaneseAndEnglishAndOffersOnlyClaim()
    {
        var (client, _) = await app.SignedInAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).WithPayload(JsonSerializer.Serialize(FormExamples.Extension().WithReEntryAndPartTimeWork())));

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
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));

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
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));
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
    public async Task Approve_WithAnOldVersion_IsRefusedAsChangedMeanwhile_NothingApplied()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

        var response = await client.ActAsync(application.Id, "Approve", version: application.Version - 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("他の職員により変更されました", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.UnderReview, (await app.Database.LoadCaseAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Deny_WithoutReasons_IsRefusedKeepingTheForm_WithReasons_IsDone()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

        var refused = await client.ActAsync(application.Id, "Deny", new Dictionary<string, string> { ["Text"] = " " });
        var denied = await client.ActAsync(application.Id, "Deny", new Dictionary<string, string> { ["Text"] = "活動内容が在留資格に該当しません。" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("申請人に通知する理由を入力してください。", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(ApplicationStatus.CompletedNotPermitted, (await app.Database.LoadCaseAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Examiner_CannotAssign_ActOnSomeoneElsesCase_OrPostWithoutToken()
    {
        var (client, _) = await app.SignedInAsync();
        var other = A.Staff().Build();
        await app.Database.SeedAsync(other);
        var theirs = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(other));

        // Their page offers this examiner no action (so no form with a version): posted by hand at the current one.
        var assign = await client.ActAsync(theirs.Id, "Assign", new Dictionary<string, string> { ["AssignTo"] = other.Id.ToString() }, theirs.Version);
        var approve = await client.ActAsync(theirs.Id, "Approve", version: theirs.Version);
        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["Version"] = theirs.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var forged = await client.PostAsync($"/Cases/{theirs.Id}?handler=Approve", noToken, Ct);

        Assert.Contains("統括のみが行えます", await assign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(other.DisplayName, await approve.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal); // "held by …"
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(ApplicationStatus.UnderReview, (await app.Database.LoadCaseAsync(theirs.Id)).Status);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ApplicationId == theirs.Id && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task Administrator_IsRefusedTheCaseAndTheQueues_AndTheAttemptIsAudited()
    {
        var (client, admin) = await app.SignedInAsync(StaffRole.Administrator);
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));

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
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "Assign", new Dictionary<string, string> { ["AssignTo"] = examiner.Id.ToString() })).StatusCode);
        Assert.Equal(examiner.Id, (await app.Database.LoadCaseAsync(application.Id)).AssigneeId);
        Assert.Contains("data-testid=\"release\"", await client.GetStringAsync($"/Cases/{application.Id}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ActAsync(application.Id, "Release")).StatusCode);
        Assert.Null((await app.Database.LoadCaseAsync(application.Id)).AssigneeId);
    }

    [Fact]
    public async Task Files_AreShownInlineOrDownloaded_AndOnlyTheCasesOwn()
    {
        var (client, _) = await app.SignedInAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));
        var other = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()));
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
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff));

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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class DetailsTests_Sqlite(WorkbenchOnSqlite app) : DetailsTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class DetailsTests_Postgres(WorkbenchOnPostgres app) : DetailsTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
