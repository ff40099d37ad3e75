using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Applications;

/// <summary>Application situation confirmation (Index.cshtml): only the applicant's own cases, search, paging.</summary>
public sealed class IndexTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task List_ShowsOnlyTheApplicantsOwnCasesNewestFirst()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(other);
        var older = A.Case(me).Build(DateTime.UtcNow.AddDays(-3));
        var newer = A.Case(me).Notification().Build(DateTime.UtcNow.AddDays(-1));
        var theirs = A.Case(other).Build();
        await app.Database.SeedAsync(older, newer, theirs);

        var html = await client.GetStringAsync("/Applications", TestContext.Current.CancellationToken);

        Assert.Contains(older.ReferenceNumber, html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(newer.ReferenceNumber, StringComparison.Ordinal) < html.IndexOf(older.ReferenceNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(theirs.ReferenceNumber, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"as-of\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SearchByNumberKeywordsAndDateRange()
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        var november = A.Case(me).Build(new DateTime(2026, 11, 10, 1, 0, 0, DateTimeKind.Utc));
        var october = A.Case(me).Notification().Build(new DateTime(2026, 10, 10, 1, 0, 0, DateTimeKind.Utc));
        await app.Database.SeedAsync(november, october);

        var byNumber = await client.GetStringAsync($"/Applications?Related={november.ReferenceNumber}", TestContext.Current.CancellationToken);
        var byKeywords = await client.GetStringAsync("/Applications?Keywords=%E5%9C%A8%E7%95%99%E6%9C%9F%E9%96%93+%E7%94%B3%E8%AB%8B", TestContext.Current.CancellationToken);
        var byDate = await client.GetStringAsync("/Applications?From=20261101&To=20261130", TestContext.Current.CancellationToken);
        var badDate = await client.GetStringAsync("/Applications?From=2026-13-45", TestContext.Current.CancellationToken);

        Assert.Contains(november.ReferenceNumber, byNumber, StringComparison.Ordinal);
        Assert.DoesNotContain(october.ReferenceNumber, byNumber, StringComparison.Ordinal);
        Assert.Contains(november.ReferenceNumber, byKeywords, StringComparison.Ordinal); // 在留期間 申請: the extension of stay
        Assert.DoesNotContain(october.ReferenceNumber, byKeywords, StringComparison.Ordinal);
        Assert.Contains(november.ReferenceNumber, byDate, StringComparison.Ordinal);
        Assert.DoesNotContain(october.ReferenceNumber, byDate, StringComparison.Ordinal);
        Assert.Contains("id=\"From-error\"", badDate, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-13-45\"", badDate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TwelveCasesTenPerPage_HasTwoPagesAndAPager()
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        await app.Database.SeedAsync([.. Enumerable.Range(0, 12).Select(i => (object)A.Case(me).Build(DateTime.UtcNow.AddMinutes(-i)))]);

        var first = await client.GetStringAsync("/Applications?Size=10", TestContext.Current.CancellationToken);
        var second = await client.GetStringAsync("/Applications?Size=10&p=2", TestContext.Current.CancellationToken);

        Assert.Equal(10, CountRows(first));
        Assert.Equal(2, CountRows(second));
        Assert.Contains("data-testid=\"pager\"", first, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">2<", second, StringComparison.Ordinal);
    }

    private static int CountRows(string html) => System.Text.RegularExpressions.Regex.Count(html, "data-status=\"");
}
