using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Testing;
using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Tests.Pages.Account;

/// <summary>First sign-in of staff without an authenticator, with the Workbench configured as shipped.</summary>
public abstract partial class SetUpAuthenticatorTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    private const string Page = "/Account/SetUpAuthenticator";

    [Fact]
    public async Task SignIn_DefaultConfiguration_RequiresASecondFactor()
    {
        // The fixture leaves Workbench:RequireTwoFactor unset: this is the default every installation gets.
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();

        var password = await client.PasswordAsync(staff.UserName!);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith(Page, password.Target(), StringComparison.Ordinal);
        var dashboard = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.StartsWith("/Account/SignIn", dashboard.Target(), StringComparison.Ordinal);
        var audit = await app.LastAuditAsync("staff.sign-in", staff.Id);
        Assert.Equal((AuditOutcome.Succeeded, "password correct; authenticator set-up required"), (audit.Outcome, audit.Details));
        await using var db = app.Database.CreateContext();
        Assert.Null((await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).LastSignInAt);
    }

    [Fact]
    public async Task SetUpAuthenticator_AfterPassword_ShowsTheKeyInFoursAndItsQrCode()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        var html = await client.GetStringAsync(Page, TestContext.Current.CancellationToken);

        var key = await StoredKeyAsync(staff.Id);
        Assert.Equal(32, key.Length);
        var shown = SharedKeyPattern().Match(html).Groups[1].Value;
        Assert.Equal(string.Join(' ', key.Chunk(4).Select(c => new string(c))), shown);
        // The QR code is exactly the one of the otpauth:// address for this key and user.
        var uri = $"otpauth://totp/Rasens%20Workbench:{staff.UserName}?secret={key}&issuer=Rasens%20Workbench&digits=6";
        Assert.Contains(QrSvg.Render(uri), html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUpAuthenticator_CorrectCode_TurnsTwoFactorOnSignsInAndAudits()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var key = await StoredKeyAsync(staff.Id);

        var response = await client.CodeAsync(Page, Totp.Now(key));

        Assert.Equal("/", response.Target());
        Assert.Contains(staff.DisplayName, await client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var audit = await app.LastAuditAsync("staff.two-factor.enrol", staff.Id);
        Assert.Equal((AuditOutcome.Succeeded, "authenticator set up"), (audit.Outcome, audit.Details));
        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken);
            Assert.True(stored.TwoFactorEnabled);
            Assert.NotNull(stored.LastSignInAt);
        }

        // From now on the password leads to the code step, never back to set-up.
        using var next = app.Browser();
        Assert.StartsWith("/Account/EnterCode", (await next.PasswordAsync(staff.UserName!)).Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", (await next.GetAsync(Page, TestContext.Current.CancellationToken)).Target(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUpAuthenticator_AfterEnrolment_TheMarkerIsSpent()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var cookie = await MarkerCookieAsync(client);
        Assert.Equal("/", (await client.CodeAsync(Page, Totp.Now(await StoredKeyAsync(staff.Id)))).Target());

        using var other = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith("/Account/SignIn", response.Target(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUpAuthenticator_WrongCode_IsRefusedWithTheVagueMessageAndAudited()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var key = await StoredKeyAsync(staff.Id);

        var response = await client.CodeAsync(Page, Totp.WrongCode(key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("コードが正しくないか", Html.Block(html, "code-failed"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"shared-key\"", html, StringComparison.Ordinal); // the key again, to try once more
        var audit = await app.LastAuditAsync("staff.two-factor.enrol", staff.Id);
        Assert.Equal((AuditOutcome.Refused, "wrong code"), (audit.Outcome, audit.Details));
        await using var db = app.Database.CreateContext();
        var stored = await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken);
        Assert.False(stored.TwoFactorEnabled);
        Assert.Equal(1, stored.AccessFailedCount);
    }

    [Fact]
    public async Task SetUpAuthenticator_FiveWrongCodes_LockTheAccount()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var key = await StoredKeyAsync(staff.Id);

        for (var i = 0; i < 5; i++)
        {
            await client.CodeAsync(Page, Totp.WrongCode(key));
        }

        var sixth = await client.CodeAsync(Page, Totp.Now(key));

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal("locked out", (await app.LastAuditAsync("staff.two-factor.enrol", staff.Id)).Details);
        await using var db = app.Database.CreateContext();
        var stored = await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken);
        Assert.False(stored.TwoFactorEnabled);
        Assert.Equal(app.Clock.GetUtcNow().AddHours(24), stored.LockoutEnd!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SetUpAuthenticator_WithoutAPasswordOrWithAForgedMarker_SendsTheBrowserToSignIn()
    {
        using var client = app.Browser();
        using var forged = new HttpRequestMessage(HttpMethod.Get, Page);
        forged.Headers.Add("Cookie", $"{WorkbenchApp.CookieName}.Enrolment=CfDJ8forged");

        var none = await client.GetAsync(Page, TestContext.Current.CancellationToken);
        var withForged = await app.Browser().SendAsync(forged, TestContext.Current.CancellationToken);
        var post = await client.CodeAsync(Page, "123456");

        Assert.StartsWith("/Account/SignIn", none.Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", withForged.Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", post.Target(), StringComparison.Ordinal);
        var audit = await app.LastAuditAsync("staff.two-factor.enrol");
        Assert.Equal((AuditOutcome.Refused, "no pending sign-in"), (audit.Outcome, audit.Details));
    }

    [Fact]
    public async Task SetUpAuthenticator_AfterFiveMinutes_SendsTheBrowserToSignIn()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);
        var key = await StoredKeyAsync(staff.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.StartsWith("/Account/SignIn", (await client.GetAsync(Page, TestContext.Current.CancellationToken)).Target(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/SignIn", (await client.CodeAsync(Page, Totp.Now(key))).Target(), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False((await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).TwoFactorEnabled);
    }

    [Fact]
    public async Task SetUpAuthenticator_PostWithoutAntiforgeryToken_Returns400()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using var client = app.Browser();
        await client.PasswordAsync(staff.UserName!);

        using var form = new FormUrlEncodedContent([new("Input.Code", Totp.Now(await StoredKeyAsync(staff.Id)))]);
        var response = await client.PostAsync(Page, form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False((await db.StaffUsers.SingleAsync(u => u.Id == staff.Id, TestContext.Current.CancellationToken)).TwoFactorEnabled);
    }

    [Fact]
    public async Task SignIn_KeyMadeButNeverConfirmed_ShowsTheSameKeyAgain()
    {
        var staff = A.Staff().Build();
        await app.Database.SeedAsync(staff);
        using (var first = app.Browser())
        {
            await first.PasswordAsync(staff.UserName!);
        }

        var key = await StoredKeyAsync(staff.Id);
        using var second = app.Browser();
        await second.PasswordAsync(staff.UserName!);

        Assert.Equal(key, await StoredKeyAsync(staff.Id));
        Assert.Equal("/", (await second.CodeAsync(Page, Totp.Now(key))).Target());
    }

    private async Task<string> StoredKeyAsync(Guid staffId)
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<StaffUserToken>()
            .Where(t => t.UserId == staffId && t.LoginProvider == "[AspNetUserStore]" && t.Name == "AuthenticatorKey")
            .Select(t => t.Value!)
            .SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The enrolment marker as a Cookie header, read from the set-up page's own request.</summary>
    private static async Task<string> MarkerCookieAsync(HttpClient client)
    {
        var page = await client.GetAsync(Page, TestContext.Current.CancellationToken);
        var cookies = page.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        return cookies.Split("; ").Single(c => c.StartsWith($"{WorkbenchApp.CookieName}.Enrolment=", StringComparison.Ordinal));
    }

    [GeneratedRegex("data-testid=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKeyPattern();
}

public sealed class SetUpAuthenticatorTests_Sqlite(WorkbenchWithTwoFactorOnSqlite app) : SetUpAuthenticatorTests<WorkbenchWithTwoFactorOnSqlite>(app), IClassFixture<WorkbenchWithTwoFactorOnSqlite>;

public sealed class SetUpAuthenticatorTests_Postgres(WorkbenchWithTwoFactorOnPostgres app) : SetUpAuthenticatorTests<WorkbenchWithTwoFactorOnPostgres>(app), IClassFixture<WorkbenchWithTwoFactorOnPostgres>;
