namespace Rasens.Portal.Tests.Pages.Shared;

/// <summary>The layout every page shares (_Layout.cshtml): the session warning's script is told when the session ends.</summary>
public sealed class LayoutTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Layout_SignedIn_TellsTheWarningScriptWhenTheSessionEnds()
    {
        using var client = (await app.LoggedInApplicantAsync()).Client;

        var html = await client.GetStringAsync("/MyPage", TestContext.Current.CancellationToken);

        Assert.Contains("data-session-seconds=\"10800\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"session-dialog\"", html, StringComparison.Ordinal);
    }
}
