using System.Net;
using static Rasens.Portal.Tests.Pages.UsageRequest.UsageRequestSteps;

namespace Rasens.Portal.Tests.Pages.UsageRequest;

/// <summary>Waiting for the card to be read (Read.cshtml): only the applicant's own reading, and its time limit.</summary>
public sealed class ReadTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task RequestForUse_SomeoneElsesReadingOrRequest_IsNotFound()
    {
        var (owner, _) = await app.LoggedInApplicantAsync();
        var readPage = await StartReadingAsync(owner);
        var (stranger, _) = await app.LoggedInApplicantAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage + "?handler=State", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage.Replace("/Read/", "/Form/", StringComparison.Ordinal), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Reading_NotDoneInTenMinutes_TheWaitingPageSaysTimeRanOut()
    {
        var (client, _) = await app.LoggedInApplicantAsync();
        var readPage = await StartReadingAsync(client);

        app.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Contains("\"state\":\"Expired\"", await client.GetStringAsync(readPage + "?handler=State", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var html = await client.GetStringAsync(readPage, TestContext.Current.CancellationToken);
        Assert.Contains("id=\"wait-active\" hidden", html, StringComparison.Ordinal);
    }
}
