using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

public sealed class ProceduresTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
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

    [Fact]
    public async Task Favourites_AddAndRemoveWithConfirmation_ShowOnMyPage()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.LoginAsync(applicant.UserName!);

        var confirm = await client.GetStringAsync("/Procedures/extension-of-stay/Favourite", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"confirm-favourite\"", confirm, StringComparison.Ordinal);
        var added = await client.PostFormAsync("/Procedures/extension-of-stay/Favourite?handler=Add", new Dictionary<string, string>(), formPage: "/Procedures/extension-of-stay/Favourite");
        Assert.Equal("/Procedures/extension-of-stay?Favourite=added", added.Headers.Location?.OriginalString);
        await client.PostFormAsync("/Procedures/extension-of-stay/Favourite?handler=Add", new Dictionary<string, string>(), formPage: "/Procedures/extension-of-stay/Favourite");

        var list = await client.GetStringAsync("/MyPage/Favourites", TestContext.Current.CancellationToken);
        Assert.Contains("href=\"/Procedures/extension-of-stay\"", list, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.Favourites.CountAsync(f => f.ApplicantId == applicant.Id, TestContext.Current.CancellationToken));
        }

        var removed = await client.PostFormAsync("/Procedures/extension-of-stay/Favourite?handler=Remove&ReturnUrl=%2FMyPage%2FFavourites", new Dictionary<string, string>(), formPage: "/Procedures/extension-of-stay/Favourite");
        Assert.Equal("/MyPage/Favourites", removed.Headers.Location?.OriginalString);
        Assert.DoesNotContain("href=\"/Procedures/extension-of-stay\"", await client.GetStringAsync("/MyPage/Favourites", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favourites_NotLoggedIn_GoesToLoginAndChangesNothing()
    {
        using var client = app.Browser();

        var response = await client.GetAsync("/Procedures/extension-of-stay/Favourite", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explanation_UnknownProcedure_IsNotFound()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();
        await client.LoginAsync(applicant.UserName!);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Procedures/no-such-procedure", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Procedures/no-such-procedure/Favourite", TestContext.Current.CancellationToken)).StatusCode);
    }
}
