using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Notices;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Notices;

/// <summary>The top page's notices, the List of Notices and a notice's details (001 §1.4).</summary>
public sealed partial class NoticesTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>, IAsyncLifetime
{
    private DateTime Now => app.Clock.UtcNow;

    // Every test counts notices, so each starts with none (the fixture's database is this class's own).
    public async ValueTask InitializeAsync()
    {
        await using var db = app.Database.CreateContext();
        await db.GeneralNotices.ExecuteDeleteAsync();
    }

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
        var (shown, future, expired) = await SeedOneOfEachAsync();
        using var client = app.Browser();

        var list = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);
        var top = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal([shown.Id], LinkedIds(list));
        Assert.Equal([shown.Id], LinkedIds(top));
        Assert.DoesNotContain(future.TitleJa, list, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.TitleJa, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_PublishedNotice_ShowsDateTitleBodyWithItsLineBreaksAndTheWayBack()
    {
        var notice = A.Notice(Now.AddDays(-2)).Important().WithBody("一行目\n二行目", "Line one\nLine two").Build();
        await app.Database.SeedAsync(notice);
        using var client = app.Browser();

        var html = await client.GetStringAsync($"/Notices/{notice.Id}", TestContext.Current.CancellationToken);

        Assert.Contains($"<h1 id=\"notice-title\">{notice.TitleJa}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{notice.TitleJa} –", html, StringComparison.Ordinal);
        Assert.Contains(JapanTime.FormatDate(notice.PublishedAt), html, StringComparison.Ordinal);
        Assert.Contains("tag--important", html, StringComparison.Ordinal);
        // The page's CSS keeps the body's line breaks (white-space: pre-line on .notice-body).
        Assert.Equal("一行目\n二行目", Body(html));
        Assert.Contains("class=\"notice-body\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Notices\">お知らせ一覧に戻る</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_ScriptAndMarkupInTitleAndBody_AreShownAsTextNeverRun()
    {
        var notice = A.Notice(Now.AddDays(-1)).Titled("<b>Bold</b> title")
            .WithBody("<script>alert(1)</script>\n<img src=x onerror=alert(2)>", "<script>alert(3)</script>").Build();
        await app.Database.SeedAsync(notice);
        using var client = app.Browser();

        var details = await client.GetStringAsync($"/Notices/{notice.Id}", TestContext.Current.CancellationToken);
        var list = await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken);

        foreach (var html in new[] { details, list })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;Bold&lt;/b&gt;", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", details, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", details, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>\n<img src=x onerror=alert(2)>", Body(details));
    }

    [Fact]
    public async Task Details_UnknownNotYetPublishedOrExpired_IsNotFound()
    {
        var (shown, future, expired) = await SeedOneOfEachAsync();
        using var client = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Notices/{shown.Id}", TestContext.Current.CancellationToken)).StatusCode);
        foreach (var path in new[] { $"/Notices/{future.Id}", $"/Notices/{expired.Id}", $"/Notices/{int.MaxValue}", "/Notices/0", "/Notices/abc" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task Details_NoticePublishedLater_AppearsWhenItsTimeComes()
    {
        var notice = A.Notice(Now.AddMinutes(30)).Build();
        await app.Database.SeedAsync(notice);
        using var client = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Notices/{notice.Id}", TestContext.Current.CancellationToken)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Notices/{notice.Id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal([notice.Id], LinkedIds(await client.GetStringAsync("/Notices", TestContext.Current.CancellationToken)));
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

    private async Task<(GeneralNotice Shown, GeneralNotice Future, GeneralNotice Expired)> SeedOneOfEachAsync()
    {
        var shown = A.Notice(Now.AddDays(-1)).ExpiringAt(Now.AddDays(1)).Build();
        var future = A.Notice(Now.AddDays(1)).Build();
        var expired = A.Notice(Now.AddDays(-10)).ExpiringAt(Now.AddMinutes(-1)).Build();
        await app.Database.SeedAsync(shown, future, expired);
        return (shown, future, expired);
    }

    /// <summary>The notices a page lists, in the order shown.</summary>
    private static List<int> LinkedIds(string html)
    {
        var list = NoticeList().Match(html);
        return list.Success
            ? [.. NoticeLink().Matches(list.Value).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary>The body as the reader sees it (entities decoded).</summary>
    private static string Body(string html) => WebUtility.HtmlDecode(NoticeBody().Match(html).Groups[1].Value);

    [GeneratedRegex("data-testid=\"notices\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex NoticeList();

    [GeneratedRegex("href=\"/Notices/(\\d+)\"")]
    private static partial Regex NoticeLink();

    [GeneratedRegex("data-testid=\"notice-body\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex NoticeBody();
}
