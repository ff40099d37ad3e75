using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.MyPage;

/// <summary>Changing the e-mail address (ChangeEmail.cshtml, 001 §6.3): the current password first, a link to the new address.</summary>
public sealed class ChangeEmailTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task ChangeEmail_WrongCurrentPassword_IsRefusedAndSendsNothing()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var html = await (await client.PostFormAsync("/MyPage/ChangeEmail", PortalSteps.ChangeEmailFields(newEmail, "Wrong-Horse9"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("現在のパスワードが正しくありません。", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{newEmail}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync(newEmail, "email-change-link"));
    }

    [Fact]
    public async Task ChangeEmail_ConfirmedFromTheNewAddress_ChangesItAndTellsBothAddresses()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var sent = await client.PostFormAsync("/MyPage/ChangeEmail", PortalSteps.ChangeEmailFields(newEmail, PortalSteps.Password));
        Assert.Equal("/MyPage/User?Changed=email-sent", sent.Headers.Location?.OriginalString);
        var link = PortalSteps.LinkIn(await app.LastEmailAsync(newEmail, "email-change-link"));
        Assert.Equal(applicant.Email, await app.StoredEmailAsync(applicant.Id)); // nothing changes before the link is used

        var confirmPage = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains(newEmail, confirmPage, StringComparison.Ordinal);
        var done = await client.PostFormAsync(link, new Dictionary<string, string>());

        Assert.Equal("/MyPage/User?Changed=email", done.Headers.Location?.OriginalString);
        Assert.Equal(newEmail, await app.StoredEmailAsync(applicant.Id));
        Assert.Contains(newEmail, (await app.LastEmailAsync(applicant.Email!, "email-changed-old")).Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountEmailsAsync(newEmail, "email-changed-new"));
        Assert.Contains("data-code=\"link.used\"", await client.GetStringAsync(link, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
