namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>The list of procedures (Index.cshtml): keyword search, and the keyword shown back as text.</summary>
public sealed class IndexTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task List_KeywordSearch_KeepsTheQueryAndShowsOnlyMatches()
    {
        using var client = app.Browser();

        var html = await client.GetStringAsync("/Procedures?Keywords=%E5%9C%A8%E7%95%99%E6%9C%9F%E9%96%93&Synonyms=true&Size=10", TestContext.Current.CancellationToken);

        Assert.Contains("value=\"在留期間\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Procedures/extension-of-stay\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Procedures/coe-by-email\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Synonyms\" name=\"Synonyms\" value=\"true\" checked=\"checked\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ScriptInTheKeyword_IsShownAsTextNeverRun()
    {
        using var client = app.Browser();

        var html = await client.GetStringAsync("/Procedures?Keywords=%3Cscript%3Ealert(1)%3C%2Fscript%3E", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
