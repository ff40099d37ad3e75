using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Testing;
using static Rasens.Portal.Tests.Pages.Notices.NoticeHtml;

namespace Rasens.Portal.Tests.Pages.Notices;

/// <summary>A notice's details (Notices/Details.cshtml, 001 §1.4): its text as text, and only while it is published.</summary>
public sealed class DetailsTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>, IAsyncLifetime
{
    private DateTime Now => app.Clock.UtcNow;

    // Every test counts notices, so each starts with none (the fixture's database is this class's own).
    public async ValueTask InitializeAsync() => await app.DeleteNoticesAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

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
        var (shown, future, expired) = await app.SeedNoticeOfEachKindAsync();
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
}
