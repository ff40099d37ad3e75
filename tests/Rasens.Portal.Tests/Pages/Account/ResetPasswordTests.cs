using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Setting a new password from the e-mailed link (ResetPassword.cshtml, 001 §3.5): the reset lifts a lock; the link works once.</summary>
public abstract class ResetPasswordTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task ResetPassword_LockedAccount_NewPasswordWorksAtOnceAndTheLinkOnlyOnce()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(applicant.UserName!, "Wrong-Horse9");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(applicant.UserName!)).StatusCode); // locked

        await client.ForgotPasswordAsync(applicant.UserName!, applicant.Email!.ToUpperInvariant());
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(applicant.Email!, "password-reset-link"));
        var reset = await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "Fresh-Start-77", ["ConfirmPassword"] = "Fresh-Start-77" });

        Assert.Equal("/Account/Login?Notice=reset", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!, "Fresh-Start-77")).StatusCode);
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "password-changed"));
        var again = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"link.used\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_WeakPasswordOrMismatch_IsRefusedAndTheLinkStaysUsable()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.ForgotPasswordAsync(applicant.UserName!, applicant.Email!);
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(applicant.Email!, "password-reset-link"));

        var weak = await (await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "weak", ["ConfirmPassword"] = "weak" })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mismatch = await (await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "Fresh-Start-77", ["ConfirmPassword"] = "Fresh-Start-78" })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Password\"", weak, StringComparison.Ordinal);
        Assert.Contains("href=\"#ConfirmPassword\"", mismatch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode); // old password unchanged
        Assert.DoesNotContain("link-error", await client.GetStringAsync(link, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_TamperedOrExpiredLink_ChangesNothing()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.ForgotPasswordAsync(applicant.UserName!, applicant.Email!);
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(applicant.Email!, "password-reset-link"));

        var tampered = await client.GetStringAsync(link + "x", TestContext.Current.CancellationToken);
        var tamperedPost = await (await client.PostFormAsync(link + "x", new Dictionary<string, string> { ["Password"] = "Fresh-Start-77", ["ConfirmPassword"] = "Fresh-Start-77" })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await client.GetStringAsync(link, TestContext.Current.CancellationToken);

        Assert.Contains("data-code=\"link.invalid\"", tampered, StringComparison.Ordinal);
        Assert.Contains("data-code=\"link.invalid\"", tamperedPost, StringComparison.Ordinal);
        Assert.Contains("data-code=\"link.expired\"", expired, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
    }
}

public sealed class ResetPasswordTests_Sqlite(PortalOnSqlite app) : ResetPasswordTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class ResetPasswordTests_Postgres(PortalOnPostgres app) : ResetPasswordTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
