using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Cases;

/// <summary>The return form (Return.cshtml): items and note kept on every refusal, stale and reassigned cases, what is recorded.</summary>
public abstract class ReturnTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task Return_WithAnOldVersion_IsRefusedKeepingTheItems_ThenSentAgainAtTheCurrentVersion()
    {
        var (client, staff) = await app.SignedInAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
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
        Assert.Equal(ApplicationStatus.UnderReview, (await app.Database.LoadCaseAsync(application.Id)).Status);

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
        var application = await app.Database.SeedCaseAsync(A.Case(await app.Database.SeedApplicantAsync()).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
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
        Assert.Equal(ApplicationStatus.UnderReview, (await app.Database.LoadCaseAsync(application.Id)).Status);
        await using var check = app.Database.CreateContext();
        var refusal = await check.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "case.return" && a.Outcome == AuditOutcome.Refused, Ct);
        Assert.StartsWith("case.not-holder", refusal.Details, StringComparison.Ordinal);
        Assert.Equal(302, (int)(await client.GetAsync(page, Ct)).StatusCode); // the form itself now sends them back to the case
    }

    [Fact]
    public async Task Return_WithTwoItems_RecordsThemExactly_EmptyOrIncompleteRowsAreExplained()
    {
        var (client, staff) = await app.SignedInAsync();
        var owner = await app.Database.SeedApplicantAsync();
        var application = await app.Database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(staff).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())));
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
        Assert.Equal(ApplicationStatus.InReturnProcess, (await app.Database.LoadCaseAsync(application.Id)).Status);
        Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == owner.Email && e.Template == "case-returned", Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class ReturnTests_Sqlite(WorkbenchOnSqlite app) : ReturnTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class ReturnTests_Postgres(WorkbenchOnPostgres app) : ReturnTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
