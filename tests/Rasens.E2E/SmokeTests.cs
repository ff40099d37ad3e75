using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>Both apps up on SQLite; a person signs in to each in Chromium; pages pass axe-core.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class SmokeTests(BothApps apps)
{
    [Fact]
    public async Task Workbench_StaffSignIn_ShowsTheirNameRoleAndSignOut()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(apps.Workbench.BaseUrl + "/");
        Assert.Contains("/Account/SignIn", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "workbench-sign-in");
        await page.GetByLabel("ユーザー名").FillAsync(apps.Examiner.UserName!);
        await page.GetByLabel("パスワード").FillAsync(BothApps.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        // Two-factor is on by default: the code from the examiner's authenticator comes next.
        await page.WaitForURLAsync("**/Account/EnterCode**");
        await page.GetByLabel("認証コード").FillAsync(await StaffSignIn.FreshCodeAsync(apps.ExaminerAuthenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        var user = page.GetByTestId("signed-in-user");
        await user.WaitForAsync();
        Assert.Contains(apps.Examiner.DisplayName, await user.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, "workbench-dashboard.png"), FullPage = true });
        await AssertAccessibleAsync(page, "workbench-dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn");
    }

    [Fact]
    public async Task Portal_ApplicantLogin_OpensMyPageInTheirLanguage()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(apps.Portal.BaseUrl + "/");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, "portal-top.png"), FullPage = true });
        await AssertAccessibleAsync(page, "portal-top");
        await page.GetByRole(AriaRole.Link, new() { Name = "Login" }).ClickAsync();
        await page.GetByLabel("User ID").FillAsync(apps.Applicant.UserName!);
        await page.GetByLabel("Password").FillAsync(BothApps.ApplicantPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Login" }).ClickAsync();

        await page.WaitForURLAsync("**/MyPage");
        Assert.Contains(apps.Applicant.NameEnglish, await page.GetByTestId("user-information").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, "portal-my-page.png"), FullPage = true });
        await AssertAccessibleAsync(page, "portal-my-page");

        await page.GetByLabel("Language").SelectOptionAsync("ja");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "マイページ" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, "portal-my-page-ja.png"), FullPage = true });
    }

    [Fact]
    public async Task Portal_WrongPassword_ShowsTheErrorAndKeepsTheUserId()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(apps.Portal.BaseUrl + "/Account/Login");
        await page.GetByLabel("User ID").FillAsync("NOSUCHUSER9");
        await page.GetByLabel("Password").FillAsync("Wrong-Pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Login" }).ClickAsync();

        await page.GetByTestId("login-failed").WaitForAsync();
        Assert.Equal("NOSUCHUSER9", await page.GetByLabel("User ID").InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, "portal-login-failed.png"), FullPage = true });
        await AssertAccessibleAsync(page, "portal-login-failed");
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"{name}: axe-core found serious or critical violations:\n{string.Join("\n", blocking)}");
    }
}
