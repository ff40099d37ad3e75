using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.MyPage;

public sealed class IndexTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task MyPage_ShowsOnlyTheApplicantsOwnCases()
    {
        var me = A.Applicant().Build();
        var someoneElse = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(me, someoneElse, examiner);
        await app.Database.SeedAsync(
            A.Case(me).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner).Build(),
            A.Case(someoneElse).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner).Build(),
            A.Case(someoneElse).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner).Build());
        using var client = app.Browser();
        await client.LoginAsync(me.UserName!);

        var html = await client.GetStringAsync("/MyPage", TestContext.Current.CancellationToken);

        var counts = html[html.IndexOf("data-testid=\"my-counts\"", StringComparison.Ordinal)..];
        Assert.Contains("status--UnderReview", counts, StringComparison.Ordinal);
        Assert.DoesNotContain("status--InReturnProcess", counts, StringComparison.Ordinal);
        Assert.DoesNotContain(someoneElse.NameEnglish, html, StringComparison.Ordinal);
        Assert.Contains(me.UserName!, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "User information")]
    [InlineData("zh-Hans", "用户信息")]
    [InlineData("ko", "이용자 정보")]
    [InlineData("vi", "Thông tin người dùng")]
    public async Task Language_Chosen_IsRememberedForLaterPages(string culture, string expected)
    {
        var me = A.Applicant().Build();
        await app.Database.SeedAsync(me);
        using var client = app.Browser();
        await client.LoginAsync(me.UserName!);

        var switched = await client.PostFormAsync("/Language", new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = "/MyPage" }, formPage: "/MyPage");

        Assert.Equal("/MyPage", switched.Headers.Location?.OriginalString);
        var html = await client.GetStringAsync("/MyPage", TestContext.Current.CancellationToken);
        Assert.Contains($"<html lang=\"{culture}\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_ReturnUrlElsewhere_IsNotFollowed()
    {
        using var client = app.Browser();

        var response = await client.PostFormAsync("/Language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "https://evil.example/" }, formPage: "/");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
