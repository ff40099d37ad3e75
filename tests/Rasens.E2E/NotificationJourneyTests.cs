using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>A notification from the procedure list to the receipt e-mails, the status list, details and Print Details, in Chromium against the running Portal.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class NotificationJourneyTests(BothApps apps)
{
    [Fact]
    public async Task Notification_LeavingAnInstitution_IsReceivedWithBothNumbersByEmail()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");

        await page.GotoAsync(apps.Portal.BaseUrl + "/Procedures?Keywords=%E5%B1%8A%E5%87%BA");
        await page.ShootAsync("notification-01-search");
        await page.GetByRole(AriaRole.Link, new() { Name = "所属機関・配偶者に関する届出" }).ClickAsync();
        await page.GetByTestId("agree").ClickAsync();
        await page.WaitForURLAsync("**/Apply");

        // The matrix: a student can notify about the activity organisation, not about a spouse.
        await page.SelectOptionAsync("#f_statusOfResidence", "STUDENT");
        Assert.True(await page.Locator("#f_content option[value=SPOUSE_DIVORCE]").IsHiddenAsync());
        await page.SelectOptionAsync("#f_content", "ORG_LEAVING");
        Assert.True(await page.Locator("#f_formerName").IsVisibleAsync());
        Assert.False(await page.Locator("#f_spouseName").IsVisibleAsync());
        await page.FillAsync("#f_nationality", "Viet Nam");
        await page.FillAsync("#f_dateOfBirth", "2000-04-01");
        await page.FillAsync("#f_residenceCardNumber", "AB12345678CD");
        await page.FillAsync("#f_eventDate", "2026-11-01");
        await page.FillAsync("#f_formerName", "東京大学");
        await page.FillAsync("#f_formerPostalCode", "1138654");
        await page.FillAsync("#f_formerAddress", "東京都文京区本郷７－３－１");
        await page.ShootAsync("notification-02-form");

        // Save data, then a refused and an accepted Load: the refused file keeps what was typed, the saved one brings back
        // what was saved, and the entry stays the same entry (its key is posted with the file).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("save-data").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"rasens-e2e-{Guid.NewGuid():N}.rasens");
        await download.SaveAsAsync(saved);
        var key = await page.Locator("input[name=SubmissionKey]").InputValueAsync();
        await page.FillAsync("#f_formerName", "書き換えた大学");
        await page.Locator("details.helpers summary").ClickAsync();
        await page.SetInputFilesAsync("#SavedFile", new FilePayload { Name = "edited.rasens", MimeType = "application/octet-stream", Buffer = "not saved data"u8.ToArray() });
        await page.GetByTestId("load-data").ClickAsync();
        Assert.Contains("edited.rasens", await page.GetByTestId("load-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("書き換えた大学", await page.InputValueAsync("#f_formerName"));
        Assert.Equal(key, await page.Locator("input[name=SubmissionKey]").InputValueAsync());
        await page.ShootAsync("notification-02-load-refused");
        await page.SetInputFilesAsync("#SavedFile", saved);
        await page.GetByTestId("load-data").ClickAsync();
        await page.GetByTestId("filled-notice").WaitForAsync();
        File.Delete(saved);
        Assert.Equal("東京大学", await page.InputValueAsync("#f_formerName"));
        Assert.True(await page.Locator("#f_formerName").IsVisibleAsync());
        Assert.Equal(key, await page.Locator("input[name=SubmissionKey]").InputValueAsync());

        // Enter in a field proceeds to confirmation (the form's first button), not Load or Attach.
        await page.PressAsync("#f_formerName", "Enter");
        await page.GetByTestId("confirmation").First.WaitForAsync();
        await page.ShootAsync("notification-03-confirmation");
        await page.GetByTestId("apply").ClickAsync();

        var receiptNumber = (await page.GetByTestId("notification-receipt-number").InnerTextAsync()).Trim();
        var reference = await page.CompletedAsync(apps.Applicant.Email!, "notification-04-completed");
        Assert.Contains(receiptNumber, (await Mailbox.WaitForAsync(apps.Applicant.Email!, receiptNumber)).Body, StringComparison.Ordinal);

        var details = await page.DetailsAsync(apps.Portal.BaseUrl, reference, "notification-05");
        Assert.Contains(receiptNumber, details, StringComparison.Ordinal);
        var printed = await page.PrintedAsync();
        foreach (var expected in new[] { reference, receiptNumber, "所属機関・配偶者に関する届出", "東京大学", "離脱" })
        {
            Assert.Contains(expected, printed, StringComparison.Ordinal);
        }
    }
}
