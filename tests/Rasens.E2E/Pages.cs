using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>Screenshots (saved under TestResults/screenshots for a person to look at) and axe-core checks.</summary>
public static class Pages
{
    public static async Task ShootAsync(this IPage page, string name, bool checkAccessibility = true)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BothApps.Screenshots, name + ".png"), FullPage = true });
        if (checkAccessibility)
        {
            await page.AssertAccessibleAsync(name);
        }
    }

    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"{name}: axe-core found serious or critical violations:\n{string.Join("\n", blocking)}");
    }

    /// <summary>The page's own submit button (the header has forms and buttons too).</summary>
    public static ILocator Submit(this IPage page, string text) =>
        page.Locator("main").GetByRole(AriaRole.Button, new() { Name = text, Exact = true });

    public static async Task LoginAsync(this IPage page, string baseUrl, string userId, string password)
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.FillAsync("#Input_UserId", userId);
        await page.FillAsync("#Input_Password", password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}
