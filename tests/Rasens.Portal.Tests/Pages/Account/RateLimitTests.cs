using System.Net;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

public sealed class PortalWithLowRateLimit : WebAppFixture<Program, SqliteTestDatabase>
{
    protected override int SignInPermitPerMinute => 3;
}

/// <summary>Sign-in attempts per address are limited: HTTP 429 with Retry-After, not 503; reading pages is not limited.</summary>
public sealed class RateLimitTests(PortalWithLowRateLimit app) : IClassFixture<PortalWithLowRateLimit>
{
    [Fact]
    public async Task Login_FourthPostInAMinute_Gets429AndAPlainExplanation()
    {
        using var client = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.LoginAsync("NOBODY00001", "Wrong-Horse9")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var refused = await client.LoginAsync("NOBODY00001", "Wrong-Horse9");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("1分待ってから", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken)).StatusCode);
    }
}
