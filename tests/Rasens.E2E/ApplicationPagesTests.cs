using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>Every page of the procedures and applications area: shot in two languages and axe-clean.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class ApplicationPagesTests(BothApps apps)
{
    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public async Task ProceduresAndApplicationsPages_AreAccessible(string locale)
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await context.NewPageAsync();
        var language = locale[..2];
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");

        // Apply once so the status list and details have something to show.
        await page.OpenEntryAsync(apps.Portal.BaseUrl, "institution-or-spouse-notification");
        await page.ShootAsync($"apply-{language}-01-form");
        await page.Locator("main").GetByRole(AriaRole.Button).Last.ClickAsync(); // Proceed to Confirmation with nothing filled in
        await page.GetByTestId("error-summary").WaitForAsync();
        await page.ShootAsync($"apply-{language}-02-errors");
        await page.SelectOptionAsync("#f_statusOfResidence", "SPOUSE_OF_JAPANESE");
        await page.SelectOptionAsync("#f_content", "SPOUSE_DIVORCE");
        await page.FillAsync("#f_nameEnglish", "PAGE CHECKER");
        await page.FillAsync("#f_dateOfBirth", "1990-01-01");
        await page.FillAsync("#f_nationality", "Philippines");
        await page.FillAsync("#f_residenceCardNumber", "CD87654321EF");
        await page.FillAsync("#f_eventDate", "2026-10-01");
        await page.FillAsync("#f_spouseName", "YAMADA TARO");
        await page.FillAsync("#f_spouseDateOfBirth", "1985-05-05");
        await page.FillAsync("#f_spouseNationality", "Japan");
        await page.Locator("main form[data-form-conditions] button.button:not(.button--secondary)").ClickAsync();
        await page.GetByTestId("confirmation").First.WaitForAsync();
        await page.ShootAsync($"apply-{language}-03-confirmation");
        await page.GetByTestId("apply").ClickAsync();
        await page.GetByTestId("reference-number").WaitForAsync();
        await page.ShootAsync($"apply-{language}-04-completed");

        foreach (var (path, name) in new[]
        {
            ("/Procedures?Keywords=%E5%B1%8A%E5%87%BA&Synonyms=true", "procedures-search"),
            ("/Procedures/institution-or-spouse-notification", "explanation"),
            ("/Procedures/institution-or-spouse-notification/Favourite", "favourite-confirm"),
            ("/Procedures/institution-or-spouse-notification/Reuse", "reuse"),
            ("/MyPage/Favourites", "favourites"),
            ("/Applications", "status-list"),
        })
        {
            await page.GotoAsync(apps.Portal.BaseUrl + path);
            await page.ShootAsync($"apply-{language}-{name}");
        }

        // The application date range: typed as yyyymmdd, or chosen on the calendar, which writes yyyymmdd into the field.
        await page.FillAsync("#From-calendar", "2026-11-01");
        Assert.Equal("20261101", await page.InputValueAsync("#From"));
        await page.FillAsync("#To", "20991231");
        await page.DispatchEventAsync("#To", "change");
        Assert.Equal("2099-12-31", await page.InputValueAsync("#To-calendar"));
        await page.FillAsync("#From", "");
        await page.FillAsync("#To", "");

        await page.Locator("[data-testid=cases] a").First.ClickAsync();
        await page.GetByTestId("case-overview").WaitForAsync();
        await page.ShootAsync($"apply-{language}-details");
        // Print Details, fetched with this page's own session (the browser's download event proved flaky when shared).
        var print = await page.GetByTestId("print").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(apps.Portal.BaseUrl + print);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await response.BodyAsync())[..5]), StringComparison.Ordinal);
        Assert.Contains(".pdf", response.Headers["content-disposition"], StringComparison.Ordinal);
    }
}
