using Microsoft.Playwright;
using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>Two-factor sign-in for staff, on by default: setting up an authenticator at the first sign-in, then codes.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class StaffTwoFactorJourneyTests(BothApps apps)
{
    [Fact]
    public async Task SignIn_NewStaffMember_SetsUpAnAuthenticatorThenSignsInWithItsCodes()
    {
        var staff = A.Staff(StaffRole.Examiner).WithPassword(BothApps.StaffPassword).Build();
        await apps.SeedAsync(staff);
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();

        // First sign-in: the password leads to setting up an authenticator, not to the dashboard.
        await page.GotoAsync(apps.Workbench.BaseUrl + "/");
        await page.GetByLabel("ユーザー名").FillAsync(staff.UserName!);
        await page.GetByLabel("パスワード").FillAsync(BothApps.StaffPassword);
        await page.Submit("ログイン").ClickAsync();
        await page.WaitForURLAsync("**/Account/SetUpAuthenticator**");
        await page.GetByRole(AriaRole.Heading, new() { Name = "2段階認証の設定" }).WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "認証アプリにワークベンチを追加するためのQRコード" }).Locator("svg path").IsVisibleAsync());
        var shown = await page.GetByTestId("shared-key").InnerTextAsync();
        Assert.Matches("^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$", shown);
        await page.ShootAsync("workbench-two-factor-enrol");

        // What a person types from their authenticator app, which read the key above.
        var key = shown.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("認証コード").FillAsync(await StaffSignIn.FreshCodeAsync(key));
        await page.Submit("確認してログイン").ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
        Assert.Contains(staff.DisplayName, await page.GetByTestId("signed-in-user").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn");

        // Every later sign-in asks for a code; a wrong one is refused with the one message for any failure.
        await page.GetByLabel("ユーザー名").FillAsync(staff.UserName!);
        await page.GetByLabel("パスワード").FillAsync(BothApps.StaffPassword);
        await page.Submit("ログイン").ClickAsync();
        await page.WaitForURLAsync("**/Account/EnterCode**");
        await page.GetByRole(AriaRole.Heading, new() { Name = "認証コードの入力" }).WaitForAsync();
        await page.ShootAsync("workbench-two-factor-code");
        await page.GetByLabel("認証コード").FillAsync(Totp.WrongCode(key));
        await page.Submit("ログイン").ClickAsync();
        await page.GetByTestId("code-failed").WaitForAsync();
        await page.ShootAsync("workbench-two-factor-code-refused");
        await page.GetByLabel("認証コード").FillAsync(await StaffSignIn.FreshCodeAsync(key));
        await page.Submit("ログイン").ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "処理状況" }).First.WaitForAsync();
    }

    [Fact]
    public async Task SignIn_SupervisorWithAuthenticator_LandsOnTheDashboard()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.SignInStaffAsync(apps.Workbench.BaseUrl, apps.Supervisor.UserName!, BothApps.StaffPassword, apps.SupervisorAuthenticatorKey);

        Assert.Contains(apps.Supervisor.DisplayName, await page.GetByTestId("signed-in-user").InnerTextAsync(), StringComparison.Ordinal);
    }
}
