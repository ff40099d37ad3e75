using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Logging out (Logout.cshtml): for inactivity, the login page says why.</summary>
public sealed class LogoutTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Logout_ForInactivity_SaysWhyOnTheLoginPage()
    {
        using var client = (await app.LoggedInApplicantAsync()).Client;

        var response = await client.PostFormAsync("/Account/Logout?reason=timeout", new Dictionary<string, string>(), formPage: "/MyPage");
        var login = await client.GetStringAsync(response.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"timeout-notice\"", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }
}
