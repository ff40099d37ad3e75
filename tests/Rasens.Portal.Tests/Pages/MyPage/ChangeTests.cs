using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.MyPage;

/// <summary>My Page changes (001 §6.3–6.5): re-authentication, confirmation links and e-mails, nothing lost on a refusal.</summary>
public sealed class ChangeTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task ChangeEmail_WrongCurrentPassword_IsRefusedAndSendsNothing()
    {
        var (client, applicant) = await LoggedInAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var html = await (await client.PostFormAsync("/MyPage/ChangeEmail", EmailFields(newEmail, "Wrong-Horse9"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("現在のパスワードが正しくありません。", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{newEmail}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync(newEmail, "email-change-link"));
    }

    [Fact]
    public async Task ChangeEmail_ConfirmedFromTheNewAddress_ChangesItAndTellsBothAddresses()
    {
        var (client, applicant) = await LoggedInAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var sent = await client.PostFormAsync("/MyPage/ChangeEmail", EmailFields(newEmail, PortalSteps.Password));
        Assert.Equal("/MyPage/User?Changed=email-sent", sent.Headers.Location?.OriginalString);
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(newEmail, "email-change-link"));
        Assert.Equal(applicant.Email, await EmailOfAsync(applicant.Id)); // nothing changes before the link is used

        var confirmPage = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains(newEmail, confirmPage, StringComparison.Ordinal);
        var done = await client.PostFormAsync(link, new Dictionary<string, string>());

        Assert.Equal("/MyPage/User?Changed=email", done.Headers.Location?.OriginalString);
        Assert.Equal(newEmail, await EmailOfAsync(applicant.Id));
        Assert.Contains(newEmail, (await app.LastEmailAsync(applicant.Email!, "email-changed-old")).Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountEmailsAsync(newEmail, "email-changed-new"));
        Assert.Contains("data-code=\"link.used\"", await client.GetStringAsync(link, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeEmail_LinkOpenedByAnotherUser_IsNotFoundAndChangesNothing()
    {
        var (owner, applicant) = await LoggedInAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";
        await owner.PostFormAsync("/MyPage/ChangeEmail", EmailFields(newEmail, PortalSteps.Password));
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(newEmail, "email-change-link"));
        var (stranger, _) = await LoggedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync(link, new Dictionary<string, string>(), formPage: "/MyPage")).StatusCode);
        Assert.Equal(applicant.Email, await EmailOfAsync(applicant.Id));
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentPasswordAndThePolicy_ThenConfirmsByEmail()
    {
        var (client, applicant) = await LoggedInAsync();

        var wrong = await (await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields("Wrong-Horse9", "Brand-New-42", "Brand-New-42"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var weak = await (await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields(PortalSteps.Password, "weakpass", "weakpass"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("href=\"#CurrentPassword\"", wrong, StringComparison.Ordinal);
        Assert.Contains("href=\"#Password\"", weak, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync(applicant.Email!, "password-changed"));

        var changed = await client.PostFormAsync("/MyPage/ChangePassword", PasswordFields(PortalSteps.Password, "Brand-New-42", "Brand-New-42"));

        Assert.Equal("/MyPage/User?Changed=password", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyPage", TestContext.Current.CancellationToken)).StatusCode); // this session goes on
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "password-changed"));
        using var fresh = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync(applicant.UserName!)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync(applicant.UserName!, "Brand-New-42")).StatusCode);
    }

    [Fact]
    public async Task ChangeInfo_BadValues_AreRefusedAtEachFieldAndKept()
    {
        var (client, _) = await LoggedInAsync();

        var html = await (await client.PostHandlerAsync("/MyPage/ChangeInfo", "Confirm", InfoFields("090-1111-2222", "100-0014", "Tokyo 1-1-1"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Input_Phone\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_PostalCode\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Address\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Tokyo 1-1-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeInfo_ConfirmedThenChanged_IsSavedAndConfirmedByEmail()
    {
        var (client, applicant) = await LoggedInAsync();
        var fields = InfoFields("0312345678", "1000013", "東京都千代田区霞が関２－２－２");

        var confirm = await (await client.PostHandlerAsync("/MyPage/ChangeInfo", "Confirm", fields)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        await using (var before = app.Database.CreateContext())
        {
            Assert.Null((await before.ApplicantUsers.SingleAsync(u => u.Id == applicant.Id, TestContext.Current.CancellationToken)).PostalCode);
        }

        var changed = await client.PostHandlerAsync("/MyPage/ChangeInfo", "Change", fields);

        Assert.Equal("/MyPage/User?Changed=info", changed.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var stored = await db.ApplicantUsers.SingleAsync(u => u.Id == applicant.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("0312345678", "1000013", "東京都千代田区霞が関２－２－２"), (stored.PhoneNumber, stored.PostalCode, stored.Address));
        Assert.Contains("1000013", (await app.LastEmailAsync(applicant.Email!, "user-info-changed")).Body, StringComparison.Ordinal);
        var details = await client.GetStringAsync("/MyPage/User", TestContext.Current.CancellationToken);
        Assert.Contains("東京都千代田区霞が関２－２－２", details, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, ApplicantUser Applicant)> LoggedInAsync()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        return (client, applicant);
    }

    private async Task<string?> EmailOfAsync(Guid id)
    {
        await using var db = app.Database.CreateContext();
        return await db.ApplicantUsers.Where(u => u.Id == id).Select(u => u.Email).SingleAsync();
    }

    private static Dictionary<string, string> EmailFields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.ConfirmEmail"] = email,
        ["Input.CurrentPassword"] = password,
    };

    private static Dictionary<string, string> PasswordFields(string current, string password, string confirm) => new()
    {
        ["CurrentPassword"] = current,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm,
    };

    private static Dictionary<string, string> InfoFields(string phone, string postal, string address) => new()
    {
        ["Input.Phone"] = phone,
        ["Input.PostalCode"] = postal,
        ["Input.Address"] = address,
    };
}
