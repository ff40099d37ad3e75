using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;
using static Rasens.Portal.Tests.Pages.Notices.NoticeHtml;

namespace Rasens.Portal.Tests.Pages;

/// <summary>The top page (Index.cshtml): its notices, important ones first, and the way to the List of Notices.</summary>
public sealed class IndexTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>, IAsyncLifetime
{
    private DateTime Now => app.Clock.UtcNow;

    // Every test counts notices, so each starts with none (the fixture's database is this class's own).
    public async ValueTask InitializeAsync() => await app.DeleteNoticesAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Top_Notices_TitlesLinkToTheirDetailsAndToTheListOfNotices()
    {
        var older = A.Notice(Now.AddDays(-3)).Build();
        var newer = A.Notice(Now.AddDays(-1)).Build();
        await app.Database.SeedAsync(older, newer);
        using var client = app.Browser();

        var top = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal([newer.Id, older.Id], LinkedIds(top));
        Assert.Contains($"<a href=\"/Notices/{newer.Id}\">{newer.TitleJa}</a>", top, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Notices\" data-testid=\"list-of-notices\">お知らせ一覧 <span aria-hidden=\"true\">&gt;</span></a>", top, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Notices", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Top_NoNotices_StillLinksToTheListOfNotices()
    {
        using var client = app.Browser();

        var top = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("お知らせはありません。", top, StringComparison.Ordinal);
        Assert.Contains("href=\"/Notices\"", top, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_ElevenNotices_ShowsTenImportantFirstAndTheListShowsAllNewestFirst()
    {
        var notices = Enumerable.Range(1, 10).Select(daysAgo => A.Notice(Now.AddDays(-daysAgo)).Build()).ToList();
        var important = A.Notice(Now.AddDays(-30)).Important().Build();
        await app.Database.SeedAsync([.. notices, important]);
        using var client = app.Browser();

        var top = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var list = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);

        Assert.Equal([important.Id, .. notices.Take(9).Select(n => n.Id)], LinkedIds(top));
        Assert.Equal([.. notices.Select(n => n.Id), important.Id], LinkedIds(list));
    }
}
