using Microsoft.Playwright;
using Rasens.Data.Notices;

namespace Rasens.E2E;

/// <summary>Every page of the account area and the notices, in Japanese and English and in the Black scheme; axe-clean in all four schemes.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class LanguagesAndSchemesTests(BothApps apps)
{
    private static readonly string[] PublicPages =
    [
        "/", "/Account/Login", "/Account/Register", "/Account/ForgotUserId", "/Account/ForgotPassword", "/Procedures", "/Procedures/usage-request-residence",
    ];

    private static readonly string[] PrivatePages =
    [
        "/MyPage", "/MyPage/User", "/MyPage/ChangeEmail", "/MyPage/ChangePassword", "/MyPage/ChangeInfo", "/Procedures/extension-of-stay",
    ];

    [Theory]
    [InlineData("ja-JP", "standard")]
    [InlineData("en-US", "standard")]
    [InlineData("en-US", "black")]
    [InlineData("ja-JP", "black")]
    public async Task EveryAccountPage_IsTranslatedShotAndAccessible(string locale, string scheme)
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        await context.AddCookiesAsync([new Cookie { Name = "Rasens.Scheme", Value = scheme, Url = apps.Portal.BaseUrl }]);
        var page = await context.NewPageAsync();
        var language = locale[..2];

        foreach (var path in PublicPages)
        {
            await page.GotoAsync(apps.Portal.BaseUrl + path);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            Assert.Equal(scheme, await page.GetAttributeAsync("body", "data-scheme"));
            await page.ShootAsync($"pages-{language}-{scheme}-{Name(path)}");
        }

        await NoticesByKeyboardAsync(page, language, scheme);

        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");
        foreach (var path in PrivatePages)
        {
            await page.GotoAsync(apps.Portal.BaseUrl + path);
            await page.ShootAsync($"pages-{language}-{scheme}-{Name(path)}");
        }
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("yellow")]
    public async Task OtherSchemes_HaveEnoughContrast(string scheme)
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(apps.Portal.BaseUrl + "/Account/Login");

        await page.Locator($"button.scheme-button--{scheme}").ClickAsync();

        Assert.Equal(scheme, await page.GetAttributeAsync("body", "data-scheme"));
        await page.ShootAsync($"scheme-{scheme}-login");
        await page.GotoAsync(apps.Portal.BaseUrl + "/Account/Register");
        Assert.Equal(scheme, await page.GetAttributeAsync("body", "data-scheme")); // remembered
        await page.AssertAccessibleAsync($"scheme-{scheme}-register");
    }

    /// <summary>From the top page's List of Notices link to a notice's details, with the keyboard only.</summary>
    private async Task NoticesByKeyboardAsync(IPage page, string language, string scheme)
    {
        var notice = new GeneralNotice
        {
            TitleJa = $"画面確認のお知らせ（{language}・{scheme}）", TitleEn = $"Notice for the page check ({language}, {scheme})",
            BodyJa = "一行目の本文です。\n二行目の本文です。", BodyEn = "The first line of the text.\nThe second line of the text.",
            Important = true, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
        };
        await apps.SeedAsync(notice);
        var title = language == "ja" ? notice.TitleJa : notice.TitleEn;

        await page.GotoAsync(apps.Portal.BaseUrl + "/");
        await page.GetByTestId("list-of-notices").PressAsync("Enter");
        await page.WaitForURLAsync("**/Notices");
        await page.ShootAsync($"pages-{language}-{scheme}-notices");
        await page.GetByTestId("notices").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).PressAsync("Enter");
        await page.WaitForURLAsync($"**/Notices/{notice.Id}");
        Assert.Equal(title, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains("\n", await page.GetByTestId("notice-body").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync($"pages-{language}-{scheme}-notice-details");
    }

    private static string Name(string path) => path == "/" ? "top" : path.Trim('/').Replace('/', '-').ToLowerInvariant();
}
