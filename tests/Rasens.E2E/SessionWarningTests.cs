using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>The warning 10 minutes before the automatic logout (001 §3.6), on a fake browser clock.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class SessionWarningTests(BothApps apps)
{
    [Fact]
    public async Task Warning_OkExtends_CancelLogsOutAtTheStatedTime()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => log.Enqueue($"console {message.Type}: {message.Text}");
        page.RequestFailed += (_, request) => log.Enqueue($"failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => log.Enqueue($"response: {response.Status} {response.Url}");
        await page.Clock.InstallAsync();
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");
        var dialog = page.Locator("#session-dialog");

        await page.Clock.FastForwardAsync("02:49:00");
        Assert.False(await dialog.IsVisibleAsync());
        await page.Clock.FastForwardAsync("00:01:30");
        await dialog.WaitForAsync();
        Assert.Contains("Automatic logout in 10 minutes", await dialog.InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync("session-warning");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        try
        {
            await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("\n", log));
        }

        await page.Clock.FastForwardAsync("02:51:00");
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.Clock.FastForwardAsync("00:10:00");

        await page.WaitForURLAsync("**/Account/Login?Notice=timeout");
        await page.GetByTestId("timeout-notice").WaitForAsync();
        await page.GotoAsync(apps.Portal.BaseUrl + "/MyPage");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }
}
