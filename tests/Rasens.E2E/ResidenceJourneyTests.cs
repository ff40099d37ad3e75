using Microsoft.Playwright;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>
/// The residence procedures from the procedure list to the receipt e-mail, the status list, the details page and
/// Print Details, in Chromium against the running Portal, with real files attached.
/// </summary>
[Collection(BothAppsCollection.Name)]
public sealed class ResidenceJourneyTests(BothApps apps)
{
    [Fact]
    public async Task Extension_WithFamilySimultaneousApplicationsAndFiles_IsReceivedListedAndPrinted()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await StartAsync(page, "在留期間更新許可申請（外国人本人）", "extension-of-stay");
        await page.ShootAsync("residence-extension-01-empty");

        await FillIdentityAsync(page, "NGUYEN,VAN AN");
        await page.CheckAsync("#f_criminalRecord-NO");
        // Family in Japan: the rows appear only once "Yes" is chosen, and one more row is added on request.
        Assert.False(await page.Locator("#f_family_0_name").IsVisibleAsync());
        await page.CheckAsync("#f_familyInJapan-YES");
        await page.SelectOptionAsync("#f_family_0_relationship", "SPOUSE");
        await page.FillAsync("#f_family_0_name", "NGUYEN THI BINH");
        await page.FillAsync("#f_family_0_dateOfBirth", "2001-05-06");
        await page.FillAsync("#f_family_0_nationality", "Viet Nam");
        await page.CheckAsync("#f_family_0_residingWith-YES");
        Assert.False(await page.Locator("#f_family_1_name").IsVisibleAsync());
        await page.Locator("[data-add-row]").ClickAsync();
        Assert.True(await page.Locator("#f_family_1_name").IsVisibleAsync());
        await page.Locator("[data-repeat-row]").Nth(1).Locator("[data-remove-row]").ClickAsync();
        Assert.False(await page.Locator("#f_family_1_name").IsVisibleAsync());
        await FillStatusAsync(page);
        await page.SelectOptionAsync("#f_desiredPeriod", "Y2");
        await page.FillAsync("#f_extensionReason", "学業継続のため");

        // Simultaneous applications: their sections open with the boxes; "common items match" hides the repeated items.
        Assert.False(await page.Locator("#f_reentry_type-SINGLE").IsVisibleAsync());
        await page.CheckAsync("#f_simReEntry");
        await page.CheckAsync("#f_simOtherActivity");
        Assert.True(await page.Locator("#f_reentry_nameEnglish").IsVisibleAsync());
        await page.CheckAsync("#f_commonItemsMatch");
        Assert.False(await page.Locator("#f_reentry_nameEnglish").IsVisibleAsync());
        await page.CheckAsync("#f_reentry_type-SINGLE");
        await page.FillAsync("#f_reentry_departureDate", "2027-02-10");
        await page.FillAsync("#f_reentry_returnDate", "2027-02-25");
        await page.FillAsync("#f_reentry_destination", "Viet Nam");
        await page.FillAsync("#f_reentry_purpose", "Visiting family");
        await page.FillAsync("#f_activity_presentActivity", "立命館アジア太平洋大学 18単位");
        await page.CheckAsync("#f_activity_workType-OTHER");
        await page.FillAsync("#f_activity_workTypeOther", "Restaurant service");
        await page.CheckAsync("#f_activity_undecided");
        Assert.False(await page.Locator("#f_activity_employerName").IsVisibleAsync());
        await FillReceiptAsync(page, counter: "FUKUOKA");
        await page.CheckAsync("#f_photoRecent");
        await page.CheckAsync("#f_confirmTrue");

        // Files: a photo of the wrong shape is refused by name, the right ones are attached; nothing typed is lost.
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "square.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg(400, 400) });
        await page.GetByTestId("attach").ClickAsync();
        await page.GetByTestId("attachment-errors").WaitForAsync();
        Assert.Contains("square.jpg", await page.GetByTestId("attachment-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("NGUYEN,VAN AN", await page.InputValueAsync("#f_nameEnglish"));
        await page.ShootAsync("residence-extension-02-photo-refused");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg(300, 400) });
        await page.SetInputFilesAsync("#Documents",
        [
            new FilePayload { Name = "在学証明書.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("在学証明書") },
            new FilePayload { Name = "transcript.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Transcript", pages: 2) },
        ]);
        await page.GetByTestId("attach").ClickAsync();
        await page.GetByTestId("attachment-notices").WaitForAsync();
        Assert.Equal(3, await page.GetByTestId("attached-files").Locator("li").CountAsync());
        Assert.True(await page.Locator("#f_reentry_destination").IsVisibleAsync()); // the page came back as it was
        await page.ShootAsync("residence-extension-03-filled");

        await page.ConfirmAsync("確認画面へ進む");
        var confirmation = await page.GetByTestId("confirmation").InnerTextAsync();
        foreach (var expected in new[] { "NGUYEN,VAN AN", "再入国許可申請（同時申請）", "在日親族・同居者 1", "NGUYEN THI BINH", "福岡出入国在留管理局", "photo.jpg", "在学証明書.pdf" })
        {
            Assert.Contains(expected, confirmation, StringComparison.Ordinal);
        }

        await page.ShootAsync("residence-extension-04-confirmation");
        await page.GetByTestId("apply").ClickAsync();
        var reference = await page.CompletedAsync(apps.Applicant.Email!, "residence-extension-05-completed");

        var details = await page.DetailsAsync(apps.Portal.BaseUrl, reference, "residence-extension-06");
        Assert.Contains("在学証明書.pdf", details, StringComparison.Ordinal);
        var printed = await page.PrintedAsync(save: "residence-extension-details.pdf");
        foreach (var expected in new[] { reference, "在留期間更新許可申請", "NGUYEN,VAN AN", "再入国許可申請", "在学証明書.pdf", "photo.jpg" })
        {
            Assert.Contains(expected, printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChangeOfStatus_InEnglish_IsReceivedListedAndPrinted()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await StartAsync(page, "Application for change of status of residence (for foreign nationals)", "change-of-status");
        await page.SelectOptionAsync("#f_desiredStatus", "ENGINEER_HUMANITIES");
        await FillIdentityAsync(page, "NGUYEN,VAN AN");
        await page.CheckAsync("#f_criminalRecord-NO");
        await page.CheckAsync("#f_familyInJapan-NO");
        await FillStatusAsync(page);
        await page.SelectOptionAsync("#f_desiredPeriod", "Y1");
        await page.FillAsync("#f_changeReason", "日本の企業に就職するため");
        await FillReceiptAsync(page, counter: null);
        await page.CheckAsync("#f_photoRecent");
        await page.CheckAsync("#f_confirmTrue");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg(450, 600) });

        // Proceed to Confirmation attaches a chosen file too.
        await page.ConfirmAsync("Proceed to Confirmation");
        Assert.Contains("photo.jpg", await page.GetByTestId("confirmation").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync("residence-change-01-confirmation");
        await page.GetByTestId("apply").ClickAsync();
        var reference = await page.CompletedAsync(apps.Applicant.Email!, "residence-change-02-completed");
        await page.DetailsAsync(apps.Portal.BaseUrl, reference, "residence-change-03");
        var printed = await page.PrintedAsync("en-US");
        Assert.Contains("Application for change of status of residence", printed, StringComparison.Ordinal);
        Assert.Contains("Engineer/Specialist in Humanities/International Services", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizedEmployment_WithADocument_IsReceivedListedAndPrinted()
    {
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await StartAsync(page, "就労資格証明書交付申請（外国人本人）", "authorized-employment");
        Assert.Equal(0, await page.Locator("#Photo").CountAsync()); // this procedure takes no photo
        await page.SelectOptionAsync("#f_statusOfResidence", "ENGINEER_HUMANITIES");
        await FillIdentityAsync(page, "SANTOS,MARIA", selectStatus: false);
        await FillStatusAsync(page);
        await page.FillAsync("#f_certificatePurpose", "転職先に提出するため");
        await page.FillAsync("#f_employerName", "株式会社ラセンズ");
        await page.FillAsync("#f_employerAddress", "東京都千代田区霞が関１－１－１");
        await page.FillAsync("#f_employerPhone", "0335801234");
        await page.FillAsync("#f_jobDescription", "システムエンジニアとしてソフトウェアの設計及び開発に従事する。");
        await page.FillAsync("#f_employmentStart", "2027-01-05");
        await FillReceiptAsync(page, counter: null);
        await page.CheckAsync("#f_confirmTrue");
        await page.SetInputFilesAsync("#Documents", new FilePayload { Name = "雇用契約書.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("雇用契約書") });
        await page.ConfirmAsync("確認画面へ進む");
        await page.ShootAsync("residence-employment-01-confirmation");
        await page.GetByTestId("apply").ClickAsync();
        var reference = await page.CompletedAsync(apps.Applicant.Email!, "residence-employment-02-completed");
        await page.DetailsAsync(apps.Portal.BaseUrl, reference, "residence-employment-03");
        Assert.Contains("株式会社ラセンズ", await page.PrintedAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeOfMethodOfReceipt_ForOwnApplication_IsReceivedListedAndPrinted()
    {
        // An application of this applicant, received with its temporary reception number.
        var target = A.Case(apps.Applicant).Build();
        await apps.SeedAsync(target);
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await StartAsync(page, "受領方法変更申請", "change-of-receipt-method");
        await page.SelectOptionAsync("#f_changeClassification", "RESIDENCE_CARD");
        await page.FillAsync("#f_temporaryReceptionNumber", "東仮E99999999");
        await page.CheckAsync("#f_receiptMethod-COUNTER");
        await page.SelectOptionAsync("#f_receiptOffice", "TOKYO");
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.GetByTestId("error-summary").WaitForAsync(); // not one of this applicant's numbers
        await page.ShootAsync("residence-receipt-01-unknown-number");
        await page.FillAsync("#f_temporaryReceptionNumber", target.TemporaryReceptionNumber!);
        await page.ConfirmAsync("確認画面へ進む");
        await page.ShootAsync("residence-receipt-02-confirmation");
        await page.GetByTestId("apply").ClickAsync();
        var reference = await page.CompletedAsync(apps.Applicant.Email!, "residence-receipt-03-completed");
        await page.DetailsAsync(apps.Portal.BaseUrl, reference, "residence-receipt-04");
        Assert.Contains(target.TemporaryReceptionNumber!, await page.PrintedAsync(), StringComparison.Ordinal);
    }

    private async Task StartAsync(IPage page, string procedureName, string code)
    {
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");
        await page.GotoAsync(apps.Portal.BaseUrl + "/Procedures");
        await page.GetByRole(AriaRole.Link, new() { Name = procedureName, Exact = true }).ClickAsync();
        await page.GetByTestId("agree").ClickAsync();
        await page.WaitForURLAsync($"**/Procedures/{code}/Apply");
    }

    private static async Task FillIdentityAsync(IPage page, string name, bool selectStatus = true)
    {
        if (selectStatus)
        {
            await page.SelectOptionAsync("#f_statusOfResidence", "STUDENT");
        }

        await page.FillAsync("#f_nationality", "Viet Nam");
        await page.FillAsync("#f_nameEnglish", name);
        await page.CheckAsync("#f_sex-Male");
        await page.FillAsync("#f_dateOfBirth", "2000");
        await page.FillAsync("#f_dateOfBirth-m", "4");
        await page.FillAsync("#f_dateOfBirth-d", "1");
        await page.CheckAsync("#f_maritalStatus-SINGLE");
        await page.FillAsync("#f_occupation", "Student");
        await page.FillAsync("#f_homeTown", "Hanoi");
        await page.FillAsync("#f_addressMunicipality", "大分県別府市");
        await page.FillAsync("#f_addressStreet", "亀川町１丁目２番３号");
        await page.FillAsync("#f_mobile", "09012345678");
        await page.FillAsync("#f_passportNumber", "C1234567");
    }

    private static async Task FillStatusAsync(IPage page)
    {
        await page.SelectOptionAsync("#f_periodOfStay", "Y1M3");
        await page.FillAsync("#f_expiryDate", "2027");
        await page.FillAsync("#f_expiryDate-m", "03");
        await page.FillAsync("#f_expiryDate-d", "31");
        await page.FillAsync("#f_residenceCardNumber", "AB12345678CD");
    }

    private async Task FillReceiptAsync(IPage page, string? counter)
    {
        if (counter is null)
        {
            await page.CheckAsync("#f_receiptMethod-MAIL");
        }
        else
        {
            Assert.False(await page.Locator("#f_receiptOffice").IsVisibleAsync());
            await page.CheckAsync("#f_receiptMethod-COUNTER");
            await page.SelectOptionAsync("#f_receiptOffice", counter);
        }

        await page.FillAsync("#f_notificationEmail", apps.Applicant.Email!);
        await page.FillAsync("#f_notificationEmailConfirm", apps.Applicant.Email!);
    }
}

/// <summary>The residence forms in all eight languages: every label, hint, choice and error translated, axe-clean.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class ResidenceFormsLanguagesTests(BothApps apps)
{
    private static readonly string[] Forms = ["extension-of-stay", "change-of-status", "authorized-employment", "change-of-receipt-method"];

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("zh-Hant")]
    [InlineData("ko")]
    [InlineData("es")]
    [InlineData("vi")]
    [InlineData("tl")]
    public async Task ResidenceForms_AreFullyTranslatedAndAccessible(string culture)
    {
        await using var context = await apps.Browser.NewContextAsync();
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = apps.Portal.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");

        foreach (var form in Forms)
        {
            await page.OpenEntryAsync(apps.Portal.BaseUrl, form);
            Assert.Equal(culture, await page.GetAttributeAsync("html", "lang"));
            // Show every conditional part, so its texts are checked too.
            await page.EvaluateAsync("() => document.querySelectorAll('[hidden]').forEach(e => { if (!e.matches('option, button')) e.hidden = false; })");
            AssertTranslated(await page.Locator("main").InnerTextAsync(), $"{form} [{culture}]");
            await page.AssertAccessibleAsync($"residence-{form}-{culture}");
        }

        await page.OpenEntryAsync(apps.Portal.BaseUrl, "extension-of-stay");
        await page.Locator("main form[data-form-conditions] button.button:not(.button--secondary)").Last.ClickAsync();
        await page.GetByTestId("error-summary").WaitForAsync();
        AssertTranslated(await page.GetByTestId("error-summary").InnerTextAsync(), $"errors [{culture}]");
        await page.ShootAsync($"residence-extension-errors-{culture}");
    }

    /// <summary>A text key shows where a translation is missing (FormTexts and the localizer fall back to the key).</summary>
    private static void AssertTranslated(string text, string where)
    {
        var keys = System.Text.RegularExpressions.Regex.Matches(text, @"\b(?:field|section|hint|status|office|period|relationship|receipt|worktype|industry|reentry|changeclass|marital|yesno|date|checkbox)\.[A-Za-z_-]+|\bError_[a-z.-]+")
            .Select(m => m.Value).Distinct().ToList();
        Assert.True(keys.Count == 0, $"{where}: untranslated keys {string.Join(", ", keys)}");
    }
}

/// <summary>A residence application returned for a new photo and a document: Modify, re-attach, resubmit.</summary>
[Collection(BothAppsCollection.Name)]
public sealed class ResidenceCorrectionJourneyTests(BothApps apps)
{
    [Fact]
    public async Task ReturnedExtension_IsModifiedWithTheRequestedFilesAndResubmitted()
    {
        var returned = A.Case(apps.Applicant).InStatus(Rasens.Data.Applications.ApplicationStatus.InReturnProcess).HeldBy(apps.Examiner)
            .WithPayload(System.Text.Json.JsonSerializer.Serialize(FormExamples.Extension())).Build();
        await apps.SeedAsync(returned);
        await apps.SeedAsync(new Rasens.Data.Applications.CorrectionRequest
        {
            ApplicationId = returned.Id, Round = 0, RequestedById = apps.Examiner.Id, RequestedByName = apps.Examiner.DisplayName, RequestedAt = DateTime.UtcNow,
            Note = "写真と在学証明書を再添付してください。",
            Items =
            [
                new() { Kind = Rasens.Data.Applications.CorrectionItemKind.Photo, Target = "photo", Message = "6か月以内に撮影した写真を添付してください。" },
                new() { Kind = Rasens.Data.Applications.CorrectionItemKind.Document, Target = "在学証明書", Message = "最新の在学証明書を添付してください。" },
            ],
        });
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.LoginAsync(apps.Portal.BaseUrl, apps.Applicant.UserName!, BothApps.ApplicantPassword);
        await page.WaitForURLAsync("**/MyPage");

        await page.GotoAsync($"{apps.Portal.BaseUrl}/Applications/{returned.Id}");
        Assert.Contains("最新の在学証明書を添付してください。", await page.GetByTestId("correction-request").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync("residence-correction-01-details");
        await page.GetByTestId("modify").ClickAsync();
        await page.WaitForURLAsync($"**/Applications/{returned.Id}/Modify");
        Assert.Equal("NGUYEN,VAN AN", await page.InputValueAsync("#f_nameEnglish"));
        await page.ShootAsync("residence-correction-02-modify");

        // Without the photo asked for, the form goes no further, and says why.
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.GetByTestId("error-summary").WaitForAsync();
        Assert.Contains("顔写真の再添付", await page.GetByTestId("error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "new-photo.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg(300, 400) });
        await page.SetInputFilesAsync("#Documents", new FilePayload { Name = "在学証明書-2026.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("在学証明書 2026") });
        await page.GetByTestId("attach").ClickAsync();
        await page.GetByTestId("attachment-notices").WaitForAsync();
        await page.ShootAsync("residence-correction-03-reattached");
        await page.ConfirmAsync("確認画面へ進む");
        await page.ShootAsync("residence-correction-04-confirmation");
        await page.GetByTestId("resubmit").ClickAsync();

        await page.GetByTestId("resubmitted-notice").WaitForAsync();
        Assert.Equal("UnderReview", await page.GetByTestId("status").GetAttributeAsync("data-status"));
        Assert.Contains("在学証明書-2026.pdf", await page.GetByTestId("case-files").InnerTextAsync(), StringComparison.Ordinal);
        await page.ShootAsync("residence-correction-05-resubmitted");
    }
}
