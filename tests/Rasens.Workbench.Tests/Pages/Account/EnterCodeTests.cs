using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Account;

/// <summary>The code step for staff whose authenticator is set up (two-factor on, as configured by default).</summary>
public abstract class EnterCodeTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    private const string Page = "/Account/EnterCode";

    [Fact]
    public async Task SignIn_AuthenticatorSetUp_AsksForTheCodeAndSignsNobodyInYet()
    {
        var (staff, _) = await EnrolledAsync();
        using var client = app.Browser();

        var password = await client.PasswordAsync(staff.UserName!);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith(Page, password.Target(), StringComparison.Ordinal);
        // Half signed in: a signed-in page still sends the browser to sign-in.
        var dashboard = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/Account/SignIn", dashboard.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var html = await client.GetStringAsync(Page, TestContext.Current.CancellationToken);
        Assert.Contains("autocomplete=\"one-time-code\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"signed-in-user\"", html, StringComparison.Ordinal);
        var audit = await app.LastAuditAsync("staff.sign-in", staff.Id);
        Assert.Equal((AuditOutcome.Succeeded, "password correct; code required"), (audit.Outcome, audit.Details));
    }

    [Fact]
    public async Task EnterCode_CorrectCode_SignsInAndAudits()
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        var response = await client.CodeAsync(Page, Totp.Now(key));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Target());
        var dashboard = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains(staff.DisplayName, dashboard, StringComparison.Ordinal);
        var audit = await app.LastAuditAsync("staff.sign-in.code", staff.Id);
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
        await using var db = app.Database.CreateContext();
        Assert.NotNull((await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).LastSignInAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnterCode_CodeTypedWithASpaceOrInFullWidth_IsAccepted(bool fullWidth)
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var code = Totp.Now(key);
        var typed = fullWidth
            ? new string([.. code.Select(c => (char)(c - '0' + '０'))])
            : $"{code[..3]} {code[3..]}";

        var response = await client.CodeAsync(Page, typed);

        Assert.Equal("/", response.Target());
    }

    [Fact]
    public async Task EnterCode_WrongCode_IsRefusedWithTheVagueMessageAndAudited()
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        var response = await client.CodeAsync(Page, Totp.WrongCode(key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("コードが正しくないか", Html.Block(html, "code-failed"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        var audit = await app.LastAuditAsync("staff.sign-in.code", staff.Id);
        Assert.Equal((AuditOutcome.Refused, "wrong code"), (audit.Outcome, audit.Details));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, (await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).AccessFailedCount);
    }

    [Fact]
    public async Task EnterCode_CodeUsedAgain_IsRefusedWithTheSameMessage()
    {
        var (staff, key) = await EnrolledAsync();
        var code = Totp.Now(key);
        using (var first = app.Browser())
        {
            await first.PasswordAsync(staff.UserName!);
            Assert.Equal("/", (await first.CodeAsync(Page, code)).Target());
        }

        using var second = app.Browser();
        await second.PasswordAsync(staff.UserName!);
        var replayed = await second.CodeAsync(Page, code);
        var wrong = await second.CodeAsync(Page, Totp.WrongCode(key));

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(
            Html.Block(await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "code-failed"),
            Html.Block(await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "code-failed"));
        await using var db = app.Database.CreateContext();
        var refusals = await db.AuditEntries
            .Where(a => a.ActorId == staff.Id && a.Action == "staff.sign-in.code" && a.Outcome == AuditOutcome.Refused)
            .OrderBy(a => a.Id).Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["code already used", "wrong code"], refusals);
    }

    [Fact]
    public async Task EnterCode_OlderCodeAfterANewerOne_IsRefused()
    {
        var (staff, key) = await EnrolledAsync();
        var now = DateTimeOffset.UtcNow;
        using (var first = app.Browser())
        {
            await first.PasswordAsync(staff.UserName!);
            Assert.Equal("/", (await first.CodeAsync(Page, Totp.Code(key, now))).Target());
        }

        using var second = app.Browser();
        await second.PasswordAsync(staff.UserName!);
        // Still inside Identity's window of two steps either side, but older than the step already accepted.
        var older = await second.CodeAsync(Page, Totp.Code(key, now.AddSeconds(-30)));

        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal("code already used", (await app.LastAuditAsync("staff.sign-in.code", staff.Id)).Details);
    }

    [Fact]
    public async Task EnterCode_SameCodeFromTwoBrowsersAtOnce_SignsInOnlyOne()
    {
        var (staff, key) = await EnrolledAsync();
        // The step is already recorded once, as after any earlier sign-in.
        await app.Database.SeedAsync(new StaffUserToken
        {
            UserId = staff.Id, LoginProvider = TwoFactorSignIn<StaffUser>.StepTokenProvider, Name = TwoFactorSignIn<StaffUser>.StepTokenName, Value = "0",
        });
        using var first = app.Browser();
        using var second = app.Browser();
        await first.PasswordAsync(staff.UserName!);
        await second.PasswordAsync(staff.UserName!);
        var code = Totp.Now(key);

        var responses = await Task.WhenAll(first.CodeAsync(Page, code), second.CodeAsync(Page, code));

        Assert.Single(responses, r => r.Target() == "/");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task EnterCode_FiveWrongCodes_LockTheAccountFor24Hours()
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.CodeAsync(Page, Totp.WrongCode(key))).StatusCode);
        }

        var sixth = await client.CodeAsync(Page, Totp.Now(key));
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode); // the form again, not a redirect
        Assert.Contains("data-testid=\"code-failed\"", await sixth.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("locked out", (await app.LastAuditAsync("staff.sign-in.code", staff.Id)).Details);
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken);
            Assert.Equal(app.Clock.GetUtcNow().AddHours(24), stored.LockoutEnd!.Value, TimeSpan.FromSeconds(1));
        }

        // A day later the half-signed-in state is long gone; the password and a code sign in again.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Account/SignIn", (await client.CodeAsync(Page, Totp.Now(key))).Target(), StringComparison.Ordinal);
        Assert.StartsWith(Page, (await client.PasswordAsync(staff.UserName!)).Target(), StringComparison.Ordinal);
        Assert.Equal("/", (await client.CodeAsync(Page, Totp.Now(key))).Target());
    }

    [Fact]
    public async Task EnterCode_WithoutAPassword_SendsTheBrowserToSignInAndAuditsThePost()
    {
        using var client = app.Browser();

        var get = await client.GetAsync(Page, TestContext.Current.CancellationToken);
        var post = await client.CodeAsync(Page, "123456");

        Assert.StartsWith("/Account/SignIn", get.Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", post.Target(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.Action == "staff.sign-in.code").OrderByDescending(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal((AuditOutcome.Refused, "no pending sign-in"), (audit.Outcome, audit.Details));
    }

    [Fact]
    public async Task EnterCode_ForgedTwoFactorCookie_SendsTheBrowserToSignIn()
    {
        using var client = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Add("Cookie", $"{WorkbenchApp.CookieName}.TwoFactor=CfDJ8forged");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith("/Account/SignIn", response.Target(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterCode_AfterFiveMinutes_SendsTheBrowserToSignIn()
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.StartsWith("/Account/SignIn", (await client.GetAsync(Page, TestContext.Current.CancellationToken)).Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", (await client.CodeAsync(Page, Totp.Now(key))).Target(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterCode_PostWithoutAntiforgeryToken_Returns400()
    {
        var (staff, key) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        using var form = new FormUrlEncodedContent([new("Input.Code", Totp.Now(key))]);
        var response = await client.PostAsync(Page, form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task EnterCode_NotSixDigits_ListsTheErrorWithoutCountingAnAttempt()
    {
        var (staff, _) = await EnrolledAsync();
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        var html = await (await client.CodeAsync(Page, "12ab")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Input_Code\"", html, StringComparison.Ordinal);
        Assert.Contains("認証コードは6桁の数字で入力してください。", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, (await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).AccessFailedCount);
    }

    private async Task<(StaffUser Staff, string Key)> EnrolledAsync()
    {
        var staff = A.Staff().Build();
        var key = Totp.NewKey();
        await app.Database.SeedAsync(staff, A.AuthenticatorFor(staff, key));
        return (staff, key);
    }
}

public sealed class EnterCodeTests_Sqlite(WorkbenchWithTwoFactorOnSqlite app) : EnterCodeTests<WorkbenchWithTwoFactorOnSqlite>(app), IClassFixture<WorkbenchWithTwoFactorOnSqlite>;

public sealed class EnterCodeTests_Postgres(WorkbenchWithTwoFactorOnPostgres app) : EnterCodeTests<WorkbenchWithTwoFactorOnPostgres>(app), IClassFixture<WorkbenchWithTwoFactorOnPostgres>;
