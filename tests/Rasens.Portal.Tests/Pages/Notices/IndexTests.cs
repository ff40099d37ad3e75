using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Testing;
using static Rasens.Portal.Tests.Pages.Notices.NoticeHtml;

namespace Rasens.Portal.Tests.Pages.Notices;

/// <summary>The List of Notices (Notices/Index.cshtml, 001 §1.4): newest first, twenty to a page, only those published and not expired.</summary>
public sealed class IndexTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>, IAsyncLifetime
{
    private DateTime Now => app.Clock.UtcNow;

    // Every test counts notices, so each starts with none (the fixture's database is this class's own).
    public async ValueTask InitializeAsync() => await app.DeleteNoticesAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task List_TwentyFiveNotices_NewestFirstTwentyToAPageWithPager()
    {
        var notices = Enumerable.Range(1, 25).Select(hoursAgo => A.Notice(Now.AddHours(-hoursAgo)).Build()).ToList();
        // Stored in an order of their own, so the list's order comes from the dates.
        await app.Database.SeedAsync([.. notices.OrderBy(_ => Random.Shared.Next())]);
        using var client = app.Browser();

        var first = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);
        var second = await client.GetStringAsync("/Notices?p=2", TestContext.Current.CancellationToken);

        Assert.Equal(notices.Take(20).Select(n => n.Id), LinkedIds(first));
        Assert.Equal(notices.Skip(20).Select(n => n.Id), LinkedIds(second));
        Assert.Contains("data-testid=\"pager\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/Notices?p=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/Notices?p=1\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Contains(JapanTime.FormatDate(notices[0].PublishedAt), first, StringComparison.Ordinal);
        Assert.Contains(notices[0].TitleJa, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PageBeyondTheLast_ShowsTheLastPage()
    {
        var notices = Enumerable.Range(1, 21).Select(hoursAgo => A.Notice(Now.AddHours(-hoursAgo)).Build()).ToList();
        await app.Database.SeedAsync([.. notices]);
        using var client = app.Browser();

        var html = await client.GetStringAsync("/Notices?p=99", TestContext.Current.CancellationToken);

        Assert.Equal([notices[20].Id], LinkedIds(html));
        Assert.Contains("<span aria-current=\"page\">2</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FewNotices_HasNoPager()
    {
        await app.Database.SeedAsync(A.Notice(Now.AddDays(-1)).Build());
        using var client = app.Browser();

        var html = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);

        Assert.Single(LinkedIds(html));
        Assert.DoesNotContain("data-testid=\"pager\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NoNotices_SaysSo()
    {
        using var client = app.Browser();

        var html = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);

        Assert.Contains("<h1>お知らせ一覧</h1>", html, StringComparison.Ordinal);
        Assert.Contains("お知らせはありません。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NotYetPublishedOrExpired_AreLeftOut()
    {
        var (shown, future, expired) = await app.SeedNoticeOfEachKindAsync();
        using var client = app.Browser();

        var list = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);
        var top = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal([shown.Id], LinkedIds(list));
        Assert.Equal([shown.Id], LinkedIds(top));
        Assert.DoesNotContain(future.TitleJa, list, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.TitleJa, list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", true)]
    [InlineData("en", false)]
    [InlineData("vi", false)]
    [InlineData("zh-Hans", false)]
    public async Task Pages_InEachLanguage_ShowJapaneseForJapaneseAndEnglishOtherwise(string language, bool japanese)
    {
        var notice = A.Notice(Now.AddDays(-1)).WithBody("日本語の本文", "English text").Build();
        await app.Database.SeedAsync(notice);
        using var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        foreach (var path in new[] { "/", "/Notices", $"/Notices/{notice.Id}" })
        {
            var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
            Assert.Contains(japanese ? notice.TitleJa : notice.TitleEn, Html.Text(html), StringComparison.Ordinal);
            if (!japanese)
            {
                Assert.DoesNotContain(notice.TitleJa, html, StringComparison.Ordinal);
            }
        }

        var details = await client.GetStringAsync($"/Notices/{notice.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(japanese ? "日本語の本文" : "English text", Body(details));
    }
}
