using System.Net;
using System.Text.Json;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Automatic logout after 3 hours without activity (001 §3.6), decided by the server's clock.</summary>
public sealed class SessionTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Session_ThreeHoursWithoutActivity_EndsOnTheServer()
    {
        using var client = await LoggedInAsync();

        app.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var after = await client.GetAsync("/MyPage", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_PageActivity_StartsTheThreeHoursAgain()
    {
        using var client = await LoggedInAsync();

        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task Session_BackgroundRequests_DoNotKeepItAlive()
    {
        using var client = await LoggedInAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        using (var background = new HttpRequestMessage(HttpMethod.Get, "/MyPage"))
        {
            background.Headers.Add("X-Rasens-Background", "1");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(background, TestContext.Current.CancellationToken)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task KeepAlive_OkInTheWarning_ExtendsByThreeHoursFromNow()
    {
        using var client = await LoggedInAsync();
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50));

        var response = await client.PostFormAsync("/Account/KeepAlive", new Dictionary<string, string>(), formPage: "/Procedures");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var secondsLeft = json.RootElement.GetProperty("secondsLeft").GetInt32();

        Assert.InRange(secondsLeft, (3 * 60 * 60) - 60, 3 * 60 * 60);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Layout_SignedIn_TellsTheWarningScriptWhenTheSessionEnds()
    {
        using var client = await LoggedInAsync();

        var html = await client.GetStringAsync("/MyPage", TestContext.Current.CancellationToken);

        Assert.Contains("data-session-seconds=\"10800\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"session-dialog\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ForInactivity_SaysWhyOnTheLoginPage()
    {
        using var client = await LoggedInAsync();

        var response = await client.PostFormAsync("/Account/Logout?reason=timeout", new Dictionary<string, string>(), formPage: "/MyPage");
        var login = await client.GetStringAsync(response.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"timeout-notice\"", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<HttpClient> LoggedInAsync()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        return client;
    }
}
