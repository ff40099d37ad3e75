using Microsoft.Playwright;

namespace Rasens.E2E;

/// <summary>
/// The applicant's account life in Chromium against the running Portal, with every e-mail taken from the
/// real SMTP server: register → link → User ID → log out → locked → reset by mail → log in → request for
/// use through the simulated reader → My Page change.
/// </summary>
[Collection(BothAppsCollection.Name)]
public sealed class AccountJourneyTests(BothApps apps)
{
    private const string FirstPassword = "Journey-Pass-26";
    private const string SecondPassword = "Second-Pass-27";

    [Fact]
    public async Task Applicant_WholeAccountLife_ThroughRealEmails()
    {
        var email = $"journey-{Guid.NewGuid():N}@example.test";
        await using var context = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var portal = apps.Portal.BaseUrl;

        // Registration.
        await page.GotoAsync(portal + "/");
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "新規登録" }).ClickAsync();
        await page.ShootAsync("journey-01-terms");
        await page.GetByTestId("agree").ClickAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_ConfirmEmail", email);
        await page.Submit("登録する").ClickAsync();
        await page.GetByTestId("registration-sent").WaitForAsync();
        await page.ShootAsync("journey-02-email-sent");

        var linkMail = await Mailbox.WaitForAsync(email, "/Account/Register/Form?token=");
        await page.GotoAsync(Mailbox.FirstLink(linkMail));
        await page.CheckAsync("#UserType_ForeignNational");
        await page.FillAsync("#Input_NameEnglish", "JOURNEY TESTER");
        await page.FillAsync("#Input_Phone", "09012345678");
        await page.FillAsync("#Input_Password", FirstPassword);
        await page.FillAsync("#Input_ConfirmPassword", FirstPassword);
        await page.ShootAsync("journey-03-registration-form");
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.GetByTestId("confirmation").WaitForAsync();
        await page.ShootAsync("journey-04-registration-confirm");
        await page.Submit("入力画面に戻る").ClickAsync();
        Assert.Equal("JOURNEY TESTER", await page.InputValueAsync("#Input_NameEnglish"));
        Assert.Equal(FirstPassword, await page.InputValueAsync("#Input_Password"));
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.Submit("登録する").ClickAsync();
        var userId = (await page.GetByTestId("new-user-id").InnerTextAsync()).Trim();
        await page.ShootAsync("journey-05-registration-completed");
        Assert.Matches("^[A-Z]{2}[0-9]{8}$", userId);
        Assert.Contains(userId, (await Mailbox.WaitForAsync(email, userId)).Body, StringComparison.Ordinal);

        // Log in, log out.
        await page.LoginAsync(portal, userId, FirstPassword);
        await page.WaitForURLAsync("**/MyPage");
        await page.ShootAsync("journey-06-my-page");
        await page.Locator("#logout-form button").ClickAsync();
        await page.WaitForURLAsync(portal + "/");

        // Five wrong passwords lock the account; the right one is then refused too.
        for (var i = 0; i < 5; i++)
        {
            await page.LoginAsync(portal, userId, "Wrong-Pass-99");
            await page.GetByTestId("login-failed").WaitForAsync();
        }

        await page.LoginAsync(portal, userId, FirstPassword);
        await page.GetByTestId("login-failed").WaitForAsync();
        await page.ShootAsync("journey-07-locked");

        // The reset link from the e-mail lifts the lock.
        await page.GotoAsync(portal + "/Account/ForgotPassword");
        await page.FillAsync("#Input_UserId", userId);
        await page.FillAsync("#Input_Email", email);
        await page.Submit("完了").ClickAsync();
        await page.GetByTestId("forgot-sent").WaitForAsync();
        var resetMail = await Mailbox.WaitForAsync(email, "/Account/ResetPassword?token=");
        await page.GotoAsync(Mailbox.FirstLink(resetMail));
        await page.FillAsync("#Password", SecondPassword);
        await page.FillAsync("#ConfirmPassword", SecondPassword);
        await page.ShootAsync("journey-08-reset");
        await page.Submit("変更").ClickAsync();
        await page.GetByTestId("reset-notice").WaitForAsync();
        await page.LoginAsync(portal, userId, SecondPassword);
        await page.WaitForURLAsync("**/MyPage");
        await Mailbox.WaitForAsync(email, userId, nth: 1); // the password-changed mail names the User ID too

        // Request for use through the simulated card reader; the waiting page moves on by itself.
        await page.GotoAsync(portal + "/Procedures/usage-request-residence");
        await page.GetByTestId("agree").ClickAsync();
        await page.GetByTestId("proceed").ClickAsync();
        await page.GetByTestId("waiting").WaitForAsync();
        await page.ShootAsync("journey-09-waiting-for-card");
        var readerUrl = await page.GetByTestId("reader-link").GetAttributeAsync("href");
        await using (var phoneContext = await apps.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" }))
        {
            var phone = await phoneContext.NewPageAsync();
            await phone.GotoAsync(readerUrl!);
            await phone.ShootAsync("journey-10-simulated-reader-pin");
            await phone.FillAsync("#Pin", "1234");
            await phone.Submit("次へ").ClickAsync();
            await phone.ShootAsync("journey-11-simulated-reader-card");
            await phone.GetByTestId("scan").ClickAsync();
            await phone.GetByTestId("reader-done").WaitForAsync();
        }

        await page.WaitForURLAsync("**/UsageRequest/Form/**", new PageWaitForURLOptions { Timeout = 10_000 });
        await page.FillAsync("#Input_ResidenceCardNumber", "AB12345678CD");
        await page.ShootAsync("journey-12-usage-form");
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.GetByTestId("apply").ClickAsync();
        var reference = (await page.GetByTestId("reference-number").InnerTextAsync()).Trim();
        await page.ShootAsync("journey-13-usage-completed");
        Assert.Contains(reference, (await Mailbox.WaitForAsync(email, reference)).Body, StringComparison.Ordinal);

        // My Page: change postal code and address, with a confirmation screen and an e-mail.
        await page.GotoAsync(portal + "/MyPage/User");
        await page.GetByRole(AriaRole.Link, new() { Name = "その他の情報の変更" }).ClickAsync();
        await page.FillAsync("#Input_PostalCode", "1000013");
        await page.FillAsync("#Input_Address", "東京都千代田区霞が関２－２－２");
        await page.Submit("確認画面へ進む").ClickAsync();
        await page.GetByTestId("confirmation").WaitForAsync();
        await page.Submit("変更").ClickAsync();
        await page.GetByTestId("changed-notice").WaitForAsync();
        Assert.Equal("1000013", (await page.GetByTestId("postal-code").InnerTextAsync()).Trim());
        await page.ShootAsync("journey-14-user-details-changed");
        await Mailbox.WaitForAsync(email, "1000013");
    }
}
