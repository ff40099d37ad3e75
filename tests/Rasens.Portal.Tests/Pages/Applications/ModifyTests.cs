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
        var (client, me, examiner) = await LoggedInAsync();
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
        var (client, me, examiner) = await LoggedInAsync();
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
        var (client, me, examiner) = await LoggedInAsync();
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
        var (client, me, _) = await LoggedInAsync();
        var pending = A.Case(me).Notification().Build();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(other);
        var theirs = A.Case(other).Notification().Build();
        await app.Database.SeedAsync(pending, theirs);

        Assert.Equal($"/Applications/{pending.Id}", (await client.GetAsync($"/Applications/{pending.Id}/Modify", TestContext.Current.CancellationToken)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{theirs.Id}/Modify", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<Application> ReturnedAsync(ApplicantUser me, StaffUser examiner)
    {
        var values = PortalSteps.LeavingNotification();
        var returned = A.Case(me).Notification().InStatus(ApplicationStatus.RegistrationError).HeldBy(examiner).WithPayload(JsonSerializer.Serialize(values)).Build();
        await app.Database.SeedAsync(returned);
        await app.Database.SeedAsync(new CorrectionRequest
        {
            ApplicationId = returned.Id, Round = 0, RequestedById = examiner.Id, RequestedByName = examiner.DisplayName, RequestedAt = DateTime.UtcNow,
            Items = [new CorrectionItem { Kind = CorrectionItemKind.Field, Target = "formerName", Message = "The name must match the registered name." }],
        });
        return returned;
    }

    private static Dictionary<string, string> Fields(string version) => PortalSteps.LeavingNotification().AsFormFields(("Version", version));

    private async Task<(HttpClient Client, ApplicantUser Applicant, StaffUser Examiner)> LoggedInAsync()
    {
        var applicant = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(applicant, examiner);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        return (client, applicant, examiner);
    }
}
