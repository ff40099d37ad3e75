using System.Net;
using System.Text.Json;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>"Continue" in the session warning (KeepAlive.cshtml): the session runs three hours from now again.</summary>
public sealed class KeepAliveTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task KeepAlive_OkInTheWarning_ExtendsByThreeHoursFromNow()
    {
        using var client = (await app.LoggedInApplicantAsync()).Client;
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50));

        var response = await client.PostFormAsync("/Account/KeepAlive", new Dictionary<string, string>(), formPage: "/Procedures");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var secondsLeft = json.RootElement.GetProperty("secondsLeft").GetInt32();

        Assert.InRange(secondsLeft, (3 * 60 * 60) - 60, 3 * 60 * 60);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }
}
