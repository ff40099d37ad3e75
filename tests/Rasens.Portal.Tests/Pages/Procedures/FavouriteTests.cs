using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>Adding a procedure to My Page's favourites and removing it (Favourite.cshtml), with confirmation.</summary>
public sealed class FavouriteTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
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
}
