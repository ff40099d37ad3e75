using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account.Register;

/// <summary>
/// The registration form reached from the e-mailed link (Register/Form.cshtml, 001 §2.2): confirmation, Return to
/// Input, the password rules, the link used again, expired or tampered, and the user ID issued on Register/Completed.
/// </summary>
public sealed class FormTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private static string NewEmail() => $"reg-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task Register_WholeJourney_IssuesAUserIdOnScreenAndByEmailThatCanLogIn()
    {
        using var client = app.Browser();
        var email = NewEmail();
        var link = await client.StartRegistrationAsync(app, email);

        var form = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains(email, form, StringComparison.Ordinal);
        var confirm = await (await client.PostHandlerAsync(link, "Confirm", PortalSteps.RegistrationFields())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalSteps.Password, confirm, StringComparison.Ordinal); // the password travels encrypted only

        var registered = await client.PostHandlerAsync(link, "Register", ConfirmationFields(confirm));
        Assert.Equal("/Account/Register/Completed", registered.Headers.Location?.OriginalString);
        var completed = await client.GetStringAsync("/Account/Register/Completed", TestContext.Current.CancellationToken);
        var userId = System.Text.RegularExpressions.Regex.Match(completed, "data-testid=\"new-user-id\">([A-Z]{2}[0-9]{8})<").Groups[1].Value;
        Assert.NotEmpty(userId);

        var mail = await app.LastEmailAsync(email, "user-registered");
        Assert.Contains(userId, mail.Body, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            var user = await db.ApplicantUsers.SingleAsync(u => u.UserName == userId, TestContext.Current.CancellationToken);
            Assert.Equal(("NGUYEN VAN AN", "09012345678", email), (user.NameEnglish, user.PhoneNumber, user.Email));
            Assert.DoesNotContain(PortalSteps.Password, user.PasswordHash!, StringComparison.Ordinal);
        }

        using var fresh = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync(userId)).StatusCode);
    }

    [Fact]
    public async Task Register_ReturnToInput_GivesBackEverythingTypedIncludingThePassword()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());
        var confirm = await (await client.PostHandlerAsync(link, "Confirm", PortalSteps.RegistrationFields())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var back = await (await client.PostHandlerAsync(link, "Back", ConfirmationFields(confirm))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("value=\"NGUYEN VAN AN\"", back, StringComparison.Ordinal);
        Assert.Contains("value=\"09012345678\"", back, StringComparison.Ordinal);
        Assert.Contains("value=\"ForeignNational\" checked=\"checked\"", back, StringComparison.Ordinal);
        Assert.Contains($"type=\"password\" id=\"Input_Password\" name=\"Input.Password\" value=\"{PortalSteps.Password}\"", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short-1A", "password.length")]
    [InlineData("no-capital-letters-1", "password.upper")]
    [InlineData("NO-SMALL-LETTERS-1", "password.lower")]
    [InlineData("No-Digits-At-All", "password.digit")]
    [InlineData("NoSymbolsAtAll123", "password.symbol")]
    [InlineData("Bad^Symbol-123x", "password.invalid-character")]
    [InlineData("Password2026!", "password.common")]
    public async Task Register_PasswordBreakingARule_SaysWhichAtTheFieldAndKeepsTheRest(string password, string code)
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());

        var html = await (await client.PostHandlerAsync(link, "Confirm", PortalSteps.RegistrationFields(password))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Password\"", html, StringComparison.Ordinal);
        Assert.Contains(Expected(code), Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("value=\"NGUYEN VAN AN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ConfirmationDiffers_IsShownAtTheConfirmationField()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());

        var html = await (await client.PostHandlerAsync(link, "Confirm", PortalSteps.RegistrationFields(PortalSteps.Password, "Correct-Horse8"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Input_ConfirmPassword\"", html, StringComparison.Ordinal);
        Assert.Contains("パスワードと確認用パスワードが一致しません。", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.NameEnglish", "nguyen van an", "氏名（英字）は英大文字")]
    [InlineData("Input.Phone", "090-1234-5678", "電話番号は数字のみ")]
    [InlineData("Input.UserType", "", "利用者区分は必須項目です。")]
    public async Task Register_BadField_IsRefusedWithTheManualsMessage(string field, string value, string message)
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());
        var fields = PortalSteps.RegistrationFields();
        fields[field] = value;

        var html = await (await client.PostHandlerAsync(link, "Confirm", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirmation\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_OrganisationStaffWithoutOrganisation_IsRefused()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());
        var fields = PortalSteps.RegistrationFields();
        fields["Input.UserType"] = "OrganizationStaff";

        var html = await (await client.PostHandlerAsync(link, "Confirm", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Input_OrganizationName\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_LinkUsedAgain_ExplainsAndOffersToStartOver()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());
        var confirm = await (await client.PostHandlerAsync(link, "Confirm", PortalSteps.RegistrationFields())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await client.PostHandlerAsync(link, "Register", ConfirmationFields(confirm));

        var again = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        var resend = await (await client.PostHandlerAsync(link, "Register", ConfirmationFields(confirm))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-code=\"link.used\"", again, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/Register\"", again, StringComparison.Ordinal);
        Assert.Contains("data-code=\"link.used\"", resend, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_LinkAfter24Hours_SaysExpired()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());
        app.Clock.Advance(TimeSpan.FromHours(24));

        var html = await client.GetStringAsync(link, TestContext.Current.CancellationToken);

        Assert.Contains("data-code=\"link.expired\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_TamperedLink_IsInvalid()
    {
        using var client = app.Browser();
        var link = await client.StartRegistrationAsync(app, NewEmail());

        var html = await client.GetStringAsync(link[..^2] + (link.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"), TestContext.Current.CancellationToken);

        Assert.Contains("data-code=\"link.invalid\"", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ConfirmationFields(string confirmationHtml) => new()
    {
        ["ProtectedPassword"] = PortalSteps.HiddenValue(confirmationHtml, "ProtectedPassword"),
        ["Input.UserType"] = PortalSteps.HiddenValue(confirmationHtml, "Input.UserType"),
        ["Input.NameEnglish"] = PortalSteps.HiddenValue(confirmationHtml, "Input.NameEnglish"),
        ["Input.Phone"] = PortalSteps.HiddenValue(confirmationHtml, "Input.Phone"),
        ["Input.OrganizationName"] = "",
    };

    private static string Expected(string code) => code switch
    {
        "password.length" => "パスワードは10～32文字で入力してください。",
        "password.upper" => "英大文字（A～Z）を1文字以上",
        "password.lower" => "英小文字（a～z）を1文字以上",
        "password.digit" => "数字（0～9）を1文字以上",
        "password.symbol" => "記号（$%&=@_#*+-?!）のいずれか",
        "password.invalid-character" => "使用できるのは英字、数字及び記号",
        "password.common" => "推測されやすいため使用できません",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
