using Microsoft.Playwright;
using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>
/// Across both running apps, with real e-mails between them: an applicant applies, an examiner finds the case in
/// New, claims, receives, reviews and returns it with two items; the applicant corrects and resubmits; the examiner
/// approves; the applicant sees the new status. And a notification with a registration error and its correction.
/// </summary>
[Collection(BothAppsCollection.Name)]
public sealed class ExaminationJourneyTests(BothApps apps)
{
    [Fact]
    public async Task Extension_ReturnedWithTwoItems_CorrectedResubmittedAndApproved()
    {
        await using var applicantContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        await using var staffContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var applicant = await applicantContext.NewPageAsync();
        var examiner = await staffContext.NewPageAsync();
        var (staff, key) = await NewExaminerAsync();

        // The applicant applies for an extension, with a photo and a document.
        await applicant.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await applicant.WaitForURLAsync("**/MyPage");
        var reference = await ApplyForExtensionAsync(applicant);

        // The examiner finds it in the New queue by its reference number and opens it.
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, staff.UserName!, BothApps.StaffPassword, key);
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Queues/New?Q={reference}");
        await examiner.GetByTestId("queue").WaitForAsync();
        await examiner.ShootAsync("workbench-01-new-queue");
        await examiner.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await examiner.GetByTestId("case-reference").WaitForAsync();
        await examiner.ShootAsync("workbench-02-case-unclaimed");
        Assert.Contains("NGUYEN,VAN AN", await examiner.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await examiner.GetByTestId("facial-photo").IsVisibleAsync());

        await examiner.GetByTestId("claim").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
        await examiner.GetByTestId("action-Receive").ClickAsync();
        await examiner.GetByTestId("reception-number").WaitForAsync();
        await examiner.GetByTestId("action-StartReview").ClickAsync();
        await examiner.GetByTestId("action-ReturnForCorrection").WaitForAsync();
        await examiner.ShootAsync("workbench-03-case-under-review");

        // Return with two items: a field to fix and a document to attach again.
        await examiner.GetByTestId("action-ReturnForCorrection").ClickAsync();
        await examiner.FillAsync("#Note", "住居地の記載と在学証明書について補正をお願いします。");
        await examiner.SelectOptionAsync("#Items_0__Kind", "Field");
        await examiner.SelectOptionAsync("#Items_0__Field", "addressStreet");
        await examiner.FillAsync("#Items_0__Message", "建物名と部屋番号まで入力してください。");
        await examiner.SelectOptionAsync("#Items_1__Kind", "Document");
        await examiner.FillAsync("#Items_1__Document", "在学証明書");
        await examiner.FillAsync("#Items_1__Message", "発行から3か月以内のものを添付してください。");
        await examiner.ShootAsync("workbench-04-return");
        await examiner.GetByTestId("send-return").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
        Assert.Equal("InReturnProcess", await examiner.GetByTestId("case-status").GetAttributeAsync("data-status"));

        // The applicant gets the e-mail, sees exactly the two items, modifies and resubmits.
        var returned = await Mailbox.WaitForAsync(apps.Applicant.Email!, "建物名と部屋番号まで入力してください。");
        Assert.Contains("発行から3か月以内のものを添付してください。", returned.Body, StringComparison.Ordinal);
        await applicant.GotoAsync(apps.Portal.BaseUrl + new Uri(Mailbox.FirstLink(returned)).PathAndQuery);
        var items = await applicant.GetByTestId("correction-items").InnerTextAsync();
        Assert.Contains("建物名と部屋番号まで入力してください。", items, StringComparison.Ordinal);
        Assert.Contains("在学証明書", items, StringComparison.Ordinal);
        await applicant.ShootAsync("workbench-05-portal-returned");
        await applicant.GetByTestId("modify").ClickAsync();
        await applicant.FillAsync("#f_addressStreet", "亀川町１丁目２番３号　別府ハイツ２０２号");
        await applicant.SetInputFilesAsync("#Documents", new FilePayload { Name = "在学証明書-2026.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("在学証明書 2026") });
        await applicant.ConfirmAsync("確認画面へ進む");
        await applicant.GetByTestId("resubmit").ClickAsync();
        await applicant.GetByTestId("resubmitted-notice").WaitForAsync();

        // Back in the examiner's queue of cases under review; approved.
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Queues/UnderReview?Q={reference}");
        await examiner.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        Assert.Contains("在学証明書-2026.pdf", await examiner.GetByTestId("case-files").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("別府ハイツ２０２号", await examiner.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await examiner.FillAsync("#approve-note", "在留カードは郵送します。");
        await examiner.GetByTestId("action-Approve").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
        await examiner.ShootAsync("workbench-06-case-approved");
        Assert.Contains("在留カードは郵送します。", (await Mailbox.WaitForAsync(apps.Applicant.Email!, "在留カードは郵送します。")).Body, StringComparison.Ordinal);

        // The applicant sees the new status.
        await applicant.GotoAsync($"{apps.Portal.BaseUrl}/Applications?Related={reference}");
        await applicant.GetByTestId("cases").Locator("a").First.ClickAsync();
        Assert.Equal("AwaitingIssuance", await applicant.GetByTestId("status").GetAttributeAsync("data-status"));
        await applicant.ShootAsync("workbench-07-portal-approved");
    }

    [Fact]
    public async Task Notification_RegistrationError_CorrectedAndRegistered()
    {
        await using var applicantContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        await using var staffContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var applicant = await applicantContext.NewPageAsync();
        var examiner = await staffContext.NewPageAsync();
        var (staff, key) = await NewExaminerAsync();

        await applicant.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await applicant.WaitForURLAsync("**/MyPage");
        await applicant.OpenEntryAsync(apps.Portal.BaseUrl, "institution-or-spouse-notification");
        await applicant.SelectOptionAsync("#f_statusOfResidence", "STUDENT");
        await applicant.SelectOptionAsync("#f_content", "ORG_LEAVING");
        await applicant.FillAsync("#f_nationality", "Viet Nam");
        await applicant.FillAsync("#f_dateOfBirth", "2000-04-01");
        await applicant.FillAsync("#f_residenceCardNumber", "AB12345678CD");
        await applicant.FillAsync("#f_eventDate", "2026-11-01");
        await applicant.FillAsync("#f_formerName", "東大");
        await applicant.FillAsync("#f_formerAddress", "東京都文京区本郷７－３－１");
        await applicant.ConfirmAsync("確認画面へ進む");
        await applicant.GetByTestId("apply").ClickAsync();
        var reference = (await applicant.GetByTestId("reference-number").InnerTextAsync()).Trim();

        // The examiner (in English) registers an error about the organisation's name.
        await examiner.SignInStaffAsync(apps.Workbench.BaseUrl, staff.UserName!, BothApps.StaffPassword, key);
        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Queues/New?Q={reference}");
        await examiner.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await examiner.GetByTestId("claim").ClickAsync();
        await examiner.GetByTestId("action-Receive").ClickAsync();
        await examiner.GetByTestId("action-FlagRegistrationError").ClickAsync();
        await examiner.FillAsync("#Note", "所属機関の名称が登録内容と一致しません。");
        await examiner.SelectOptionAsync("#Items_0__Kind", "Field");
        await examiner.SelectOptionAsync("#Items_0__Field", "formerName");
        await examiner.FillAsync("#Items_0__Message", "正式名称（東京大学）を入力してください。");
        await examiner.ShootAsync("workbench-11-registration-error-en");
        await examiner.GetByTestId("send-return").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
        await examiner.ShootAsync("workbench-12-case-registration-error-en");

        var error = await Mailbox.WaitForAsync(apps.Applicant.Email!, "所属機関の名称が登録内容と一致しません。");
        Assert.Contains("正式名称（東京大学）を入力してください。", error.Body, StringComparison.Ordinal);
        await applicant.GotoAsync(apps.Portal.BaseUrl + new Uri(Mailbox.FirstLink(error)).PathAndQuery);
        await applicant.GetByTestId("modify").ClickAsync();
        await applicant.FillAsync("#f_formerName", "東京大学");
        await applicant.ConfirmAsync("確認画面へ進む");
        await applicant.GetByTestId("resubmit").ClickAsync();
        await applicant.GetByTestId("resubmitted-notice").WaitForAsync();

        await examiner.GotoAsync($"{apps.Workbench.BaseUrl}/Queues/ToRegister?Q={reference}");
        await examiner.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await examiner.GetByTestId("action-Register").ClickAsync();
        await examiner.GetByTestId("action-done").WaitForAsync();
        Assert.Contains(reference, (await Mailbox.WaitForAsync(apps.Applicant.Email!, "Registration of your notification is complete")).Body, StringComparison.Ordinal); // in the applicant's language

        await applicant.GotoAsync($"{apps.Portal.BaseUrl}/Applications?Related={reference}");
        await applicant.GetByTestId("cases").Locator("a").First.ClickAsync();
        Assert.Equal("Completed", await applicant.GetByTestId("status").GetAttributeAsync("data-status"));
    }

    /// <summary>A member of staff of this test's own, with an authenticator set up (so no other test's codes are in the way).</summary>
    private async Task<(StaffUser Staff, string Key)> NewExaminerAsync()
    {
        var staff = A.Staff(StaffRole.Examiner).WithPassword(BothApps.StaffPassword).Build();
        var key = Totp.NewKey();
        await apps.SeedAsync(staff, A.AuthenticatorFor(staff, key));
        return (staff, key);
    }

    private static async Task<string> ApplyForExtensionAsync(IPage page)
    {
        await page.OpenEntryAsync(page.Url[..page.Url.IndexOf("/MyPage", StringComparison.Ordinal)], "extension-of-stay");
        await page.SelectOptionAsync("#f_statusOfResidence", "STUDENT");
        await page.FillAsync("#f_nationality", "Viet Nam");
        await page.FillAsync("#f_nameEnglish", "NGUYEN,VAN AN");
        await page.CheckAsync("#f_sex-Male");
        await page.FillAsync("#f_dateOfBirth", "2000");
        await page.FillAsync("#f_dateOfBirth-m", "04");
        await page.FillAsync("#f_dateOfBirth-d", "01");
        await page.CheckAsync("#f_maritalStatus-SINGLE");
        await page.FillAsync("#f_occupation", "Student");
        await page.FillAsync("#f_homeTown", "Hanoi");
        await page.FillAsync("#f_addressMunicipality", "大分県別府市");
        await page.FillAsync("#f_addressStreet", "亀川町１丁目２番３号");
        await page.FillAsync("#f_mobile", "09012345678");
        await page.CheckAsync("#f_criminalRecord-NO");
        await page.CheckAsync("#f_familyInJapan-NO");
        await page.SelectOptionAsync("#f_periodOfStay", "Y1M3");
        await page.FillAsync("#f_expiryDate", "2027");
        await page.FillAsync("#f_expiryDate-m", "03");
        await page.FillAsync("#f_expiryDate-d", "31");
        await page.FillAsync("#f_residenceCardNumber", "AB12345678CD");
        await page.SelectOptionAsync("#f_desiredPeriod", "Y2");
        await page.FillAsync("#f_extensionReason", "学業継続のため");
        await page.CheckAsync("#f_receiptMethod-MAIL");
        await page.FillAsync("#f_notificationEmail", "an.nguyen@example.jp");
        await page.FillAsync("#f_notificationEmailConfirm", "an.nguyen@example.jp");
        await page.CheckAsync("#f_photoRecent");
        await page.CheckAsync("#f_confirmTrue");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg(300, 400) });
        await page.SetInputFilesAsync("#Documents", new FilePayload { Name = "在学証明書.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("在学証明書") });
        await page.ConfirmAsync("確認画面へ進む");
        await page.GetByTestId("apply").ClickAsync();
        return (await page.GetByTestId("reference-number").InnerTextAsync()).Trim();
    }
}
