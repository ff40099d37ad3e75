using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rasens.Testing;

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

    /// <summary>Opens a procedure's entry form the way an applicant must: Agree on its explanation, which leads to the form.</summary>
    public static async Task OpenEntryAsync(this IPage page, string baseUrl, string code)
    {
        await page.GotoAsync($"{baseUrl}/Procedures/{code}");
        await page.GetByTestId("agree").ClickAsync();
        await page.WaitForURLAsync($"**/Procedures/{code}/Apply");
    }

    public static async Task LoginAsync(this IPage page, string baseUrl, string userId, string password)
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.FillAsync("#Input_UserName", userId);
        await page.FillAsync("#Input_Password", password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>Proceed to Confirmation; if the page answers with errors instead, the test fails with them.</summary>
    public static async Task ConfirmAsync(this IPage page, string button)
    {
        await page.Submit(button).ClickAsync();
        await page.Locator("[data-testid=confirmation], [data-testid=error-summary]").First.WaitForAsync();
        if (await page.GetByTestId("error-summary").CountAsync() > 0)
        {
            Assert.Fail("The form was refused: " + await page.GetByTestId("error-summary").InnerTextAsync());
        }
    }

    /// <summary>The completion page's reference number, and its receipt e-mail arriving over SMTP.</summary>
    public static async Task<string> CompletedAsync(this IPage page, string email, string shot)
    {
        var reference = (await page.GetByTestId("reference-number").InnerTextAsync()).Trim();
        await page.ShootAsync(shot);
        Assert.Contains(reference, (await Mailbox.WaitForAsync(email, reference)).Body, StringComparison.Ordinal);
        return reference;
    }

    /// <summary>Finds the case in the status list by its reference number and opens its details; returns the page's text.</summary>
    public static async Task<string> DetailsAsync(this IPage page, string baseUrl, string reference, string shot)
    {
        await page.GotoAsync($"{baseUrl}/Applications?Related={reference}");
        await page.GetByTestId("cases").WaitForAsync();
        Assert.Contains(reference, await page.GetByTestId("cases").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync(shot + "-status-list");
        await page.GetByTestId("cases").Locator("a").First.ClickAsync();
        await page.GetByTestId("case-overview").WaitForAsync();
        Assert.Contains(reference, await page.GetByTestId("case-overview").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync(shot + "-details");
        return await page.Locator("main").InnerTextAsync();
    }

    /// <summary>Print Details of the open details page, fetched with the page's own session, as text (saved for a person to look at when asked).</summary>
    public static async Task<string> PrintedAsync(this IPage page, string language = "ja-JP", string? save = null)
    {
        var href = await page.GetByTestId("print").GetAttributeAsync("href");
        // The request API does not send the browser's language; this does, as a click on the link would.
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString(),
            new() { Headers = new Dictionary<string, string> { ["Accept-Language"] = language } });
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var pdf = await response.BodyAsync();
        if (save is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(BothApps.Screenshots, save), pdf);
        }

        return PdfText.Read(pdf).Text;
    }
}
