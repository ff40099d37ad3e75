using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Logging in (Login.cshtml, 001 §3.2): by user ID and password, one message for every failure, the lockout, and a closed page sending there.</summary>
public abstract class LoginTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task Login_ByUserIdAndPassword_OpensMyPageAndAudits()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();

        var response = await client.LoginAsync(applicant.UserName!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/MyPage", response.Headers.Location?.OriginalString);
        var myPage = await client.GetStringAsync("/MyPage", TestContext.Current.CancellationToken);
        Assert.Contains(applicant.NameEnglish, myPage, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.ActorId == applicant.Id).OrderByDescending(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("applicant.login", AuditOutcome.Succeeded), (audit.Action, audit.Outcome));
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownId_GivesTheSameMessageAndKeepsTheUserId()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();

        var wrong = await (await client.LoginAsync(applicant.UserName!, "Wrong-Horse9")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var unknown = await (await client.LoginAsync("NOSUCHUSER1", "Wrong-Horse9")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"login-failed\"", wrong, StringComparison.Ordinal);
        Assert.Contains($"value=\"{applicant.UserName}\"", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Wrong-Horse9\"", wrong, StringComparison.Ordinal);
        Assert.Equal(Html.Block(wrong, "login-failed"), Html.Block(unknown, "login-failed"));
    }

    [Fact]
    public async Task Login_SixthAttemptAfterFiveFailures_IsRefusedEvenWithTheRightPassword_UntilTwentyFourHoursPass()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();

        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(applicant.UserName!, "Wrong-Horse9");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
    }

    [Fact]
    public async Task MyPage_NotLoggedIn_RedirectsToLogin()
    {
        using var client = app.Browser();

        var response = await client.GetAsync("/MyPage", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class LoginTests_Sqlite(PortalOnSqlite app) : LoginTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class LoginTests_Postgres(PortalOnPostgres app) : LoginTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
