using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Account;

public abstract class SignInTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task Health_DatabaseReachable_Returns200()
    {
        using var client = app.Browser();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_NotSignedIn_RedirectsToSignIn()
    {
        using var client = app.Browser();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_CorrectPassword_ShowsTheUserAndRoleAndAuditsIt()
    {
        var staff = A.Staff(StaffRole.Supervisor).Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();

        var response = await client.PasswordAsync(staff.UserName!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dashboard = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains(staff.DisplayName, dashboard, StringComparison.Ordinal);
        Assert.Contains("統括", dashboard, StringComparison.Ordinal);
        Assert.Contains("action=\"/Account/SignOut\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Succeeded, (await LastAuditAsync(staff.UserName!, staff.Id)).Outcome);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysNothingAboutWhichFieldKeepsTheUserNameAndAudits()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();

        var wrongPassword = await (await client.PasswordAsync(staff.UserName!, "Wrong-Pass-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var unknownUser = await (await client.PasswordAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "Wrong-Pass-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"sign-in-failed\"", wrongPassword, StringComparison.Ordinal);
        Assert.Contains($"value=\"{staff.UserName}\"", wrongPassword, StringComparison.Ordinal);
        Assert.Equal(Html.Block(wrongPassword, "sign-in-failed"), Html.Block(unknownUser, "sign-in-failed"));
        var audit = await LastAuditAsync(staff.UserName!, staff.Id);
        Assert.Equal((AuditOutcome.Refused, "wrong password"), (audit.Outcome, audit.Details));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountFor24Hours()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PasswordAsync(staff.UserName!, "Wrong-Pass-1")).StatusCode);
        }

        var sixth = await client.PasswordAsync(staff.UserName!);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode); // the form again, not a redirect
        Assert.Equal("locked out", (await LastAuditAsync(staff.UserName!, staff.Id)).Details);

        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken);
            Assert.Equal(app.Clock.GetUtcNow().AddHours(24), stored.LockoutEnd!.Value, TimeSpan.FromSeconds(1));
        }

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PasswordAsync(staff.UserName!)).StatusCode);
    }

    [Fact]
    public async Task SignIn_EmptyFields_ListsEachErrorLinkedToItsField()
    {
        using var client = app.Browser();

        var html = await (await client.PasswordAsync("", "")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_UserName\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Password\"", html, StringComparison.Ordinal);
        Assert.Contains("ユーザー名は必須項目です。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_ByGet_ChangesNothing_AndPostWithoutToken_IsRefused()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        await client.GetAsync("/Account/SignOut", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);

        using var noToken = new FormUrlEncodedContent([]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/Account/SignOut", noToken, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Account/SignOut", new Dictionary<string, string>())).StatusCode);
        var after = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task AccountChanged_OpenSessionOfSomeoneWorkingSteadily_EndsWithinAMinute()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        for (var i = 0; i < 4; i++)
        {
            // A page every 25 s: the session is renewed all the while, and still checked against the account.
            app.Clock.Advance(TimeSpan.FromSeconds(25));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        }

        // What a password reset or a change of role does to the account: a new security stamp.
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.StaffUsers.SingleAsync(s => s.Id == staff.Id, TestContext.Current.CancellationToken);
            stored.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(25));
        var after = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location?.AbsolutePath ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivatePages_AreNeverCached()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task SignIn_TwoFactorOffButAuthenticatorSetUp_SignsInWithThePasswordAlone()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff, A.AuthenticatorFor(staff, Totp.NewKey()));
        using var client = app.Browser();

        var response = await client.PasswordAsync(staff.UserName!);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(staff.DisplayName, await client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var audit = await LastAuditAsync(staff.UserName!, staff.Id);
        Assert.Equal((AuditOutcome.Succeeded, (string?)null), (audit.Outcome, audit.Details));
    }

    [Theory]
    [InlineData("/Account/EnterCode")]
    [InlineData("/Account/SetUpAuthenticator")]
    public async Task CodePages_TwoFactorOff_AreNotFound(string page)
    {
        using var client = app.Browser();

        var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<AuditEntry> LastAuditAsync(string userName, Guid id)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEntries.Where(a => a.ActorId == id || a.ActorName == userName).OrderByDescending(a => a.Id).FirstAsync();
    }
}

public sealed class SignInTests_Sqlite(WorkbenchOnSqlite app) : SignInTests<WorkbenchOnSqlite>(app), IClassFixture<WorkbenchOnSqlite>;

public sealed class SignInTests_Postgres(WorkbenchOnPostgres app) : SignInTests<WorkbenchOnPostgres>(app), IClassFixture<WorkbenchOnPostgres>;
