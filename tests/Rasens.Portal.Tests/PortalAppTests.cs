using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Rasens.Portal.Tests;

/// <summary>
/// The Portal's fallback authorization policy: a page needs a logged-in applicant unless it says [AllowAnonymous].
/// Every page the app has is checked, so a new page is covered without anyone remembering to add it here. And the
/// automatic logout after 3 hours without activity it sets up (001 §3.6, Rasens.Data's IdleSession), decided by the server's clock.
/// </summary>
public sealed partial class PortalAppTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    /// <summary>The pages anyone may open without logging in, by their page path; every other page asks to log in.</summary>
    private static readonly HashSet<string> PublicPages = new(StringComparer.Ordinal)
    {
        "/Index", "/Error", "/Language", "/Colour",
        "/Procedures/Index", "/Procedures/Explanation", "/Notices/Index", "/Notices/Details",
        "/Account/Login", "/Account/Logout", "/Account/Register", "/Account/Register/Email", "/Account/Register/Form",
        "/Account/Register/Completed", "/Account/ForgotUserId", "/Account/ForgotPassword", "/Account/ResetPassword",
        // Opened on the applicant's phone from the QR code, without logging in: the link's secret key is the authorization.
        "/SimulatedCardReader/Index",
    };

    [Fact]
    public async Task EveryPage_AnonymousGet_IsOnThePublicListOrAsksToLogIn()
    {
        var pages = Pages();
        using var anonymous = app.Browser();
        var wrong = new List<string>();

        foreach (var (page, route) in pages)
        {
            var response = await anonymous.GetAsync(Address(route), TestContext.Current.CancellationToken);
            // The cookie's challenge names the page to come back to (a public page may send to the login page itself).
            var location = response.Headers.Location is { } to ? new Uri(anonymous.BaseAddress!, to) : null;
            var challenged = response.StatusCode == HttpStatusCode.Redirect
                && location?.PathAndQuery.StartsWith("/Account/Login?ReturnUrl=", StringComparison.Ordinal) == true;
            if (challenged == PublicPages.Contains(page))
            {
                wrong.Add($"{page} ({route}): {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(wrong.Count == 0, "Public pages that ask to log in, or other pages open to anyone:\n" + string.Join('\n', wrong));
        Assert.Empty(PublicPages.Except(pages.Select(p => p.Page), StringComparer.Ordinal)); // no stale names on the list
    }

    [Fact]
    public async Task StaticFilesAndHealth_Anonymous_AreServed()
    {
        using var anonymous = app.Browser();

        foreach (var path in new[] { "/health", "/css/site.css", "/js/live-status.js", "/_content/Rasens.Web/js/live.js", "/_content/Rasens.Web/lib/signalr/signalr.min.js" })
        {
            var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task UnknownAddress_Anonymous_IsNotFoundRatherThanLogin()
    {
        using var anonymous = app.Browser();

        foreach (var path in new[] { "/no-such-page", "/Notices/abc", "/Applications/abc", "/favicon.ico" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task Session_ThreeHoursWithoutActivity_EndsOnTheServer()
    {
        using var client = (await app.LoggedInApplicantAsync()).Client;

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
        using var client = (await app.LoggedInApplicantAsync()).Client;

        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task Session_BackgroundRequests_DoNotKeepItAlive()
    {
        using var client = (await app.LoggedInApplicantAsync()).Client;
        app.Clock.Advance(TimeSpan.FromHours(2));
        using (var background = new HttpRequestMessage(HttpMethod.Get, "/MyPage"))
        {
            background.Headers.Add("X-Rasens-Background", "1");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(background, TestContext.Current.CancellationToken)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>Each Razor page endpoint's page path and route template (a page with several routes, e.g. "" and "Index", once).</summary>
    private List<(string Page, string Route)> Pages() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath, Route: e.RoutePattern.RawText ?? ""))
            .Where(p => p.Page is not null)
            .GroupBy(p => p.Page!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.OrderBy(p => p.Route.Length).First().Route))];

    /// <summary>The route with a value of the right kind in each parameter (authorization comes before any lookup).</summary>
    private static string Address(string route) =>
        "/" + Parameter().Replace(route, match => match.Groups["kind"].Value switch
        {
            "guid" => Guid.NewGuid().ToString("N"),
            "int" or "long" => "1",
            _ => "x",
        });

    [GeneratedRegex(@"\{(?<name>[^}:?]+)(:(?<kind>[^}?]+))?\??\}")]
    private static partial Regex Parameter();
}
