using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account.Register;

/// <summary>The registration's e-mail step (Register/Email.cshtml): after the terms only; both addresses kept on a refusal.</summary>
public sealed class EmailTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task Email_AddressesDiffer_IsRefusedAndBothAreKept()
    {
        using var client = app.Browser();
        await client.PostFormAsync("/Account/Register", new Dictionary<string, string>());

        var html = await (await client.PostFormAsync("/Account/Register/Email", new Dictionary<string, string>
        {
            ["Input.Email"] = "one@example.test",
            ["Input.ConfirmEmail"] = "two@example.test",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("2つのメールアドレスが一致しません。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"one@example.test\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"two@example.test\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync("one@example.test", "registration-link"));
    }

    [Fact]
    public async Task Email_WithoutAgreeingToTheTerms_GoesBackToTheTerms()
    {
        using var client = app.Browser();

        var response = await client.GetAsync("/Account/Register/Email", TestContext.Current.CancellationToken);

        Assert.Equal("/Account/Register", response.Headers.Location?.OriginalString);
    }
}
