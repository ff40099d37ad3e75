using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.MyPage;

/// <summary>Changing the password (ChangePassword.cshtml, 001 §6.4): the current password and the policy, then an e-mail.</summary>
public sealed class ChangePasswordTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task ChangePassword_NeedsTheCurrentPasswordAndThePolicy_ThenConfirmsByEmail()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();

        var wrong = await (await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields("Wrong-Horse9", "Brand-New-42", "Brand-New-42"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var weak = await (await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields(PortalSteps.Password, "weakpass", "weakpass"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("href=\"#CurrentPassword\"", wrong, StringComparison.Ordinal);
        Assert.Contains("href=\"#Password\"", weak, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync(applicant.Email!, "password-changed"));

        var changed = await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields(PortalSteps.Password, "Brand-New-42", "Brand-New-42"));

        Assert.Equal("/MyPage/User?Changed=password", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode); // this session goes on
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "password-changed"));
        using var fresh = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync(applicant.UserName!)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync(applicant.UserName!, "Brand-New-42")).StatusCode);
    }

    private static Dictionary<string, string> PasswordFields(string current, string password, string confirm) => new()
    {
        ["CurrentPassword"] = current,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm,
    };
}
