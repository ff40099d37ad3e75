using Microsoft.EntityFrameworkCore;

namespace Rasens.Portal.Tests.Pages.MyPage;

/// <summary>Changing the user information (ChangeInfo.cshtml, 001 §6.5): refused values kept at their fields, confirmation, e-mail.</summary>
public sealed class ChangeInfoTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task ChangeInfo_BadValues_AreRefusedAtEachFieldAndKept()
    {
        var (client, _) = await app.LoggedInApplicantAsync();

        var html = await (await client.PostHandlerAsync("/MyPage/ChangeInfo", "Confirm", InfoFields("090-1111-2222", "100-0014", "Tokyo 1-1-1"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"#Input_Phone\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_PostalCode\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Address\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Tokyo 1-1-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeInfo_ConfirmedThenChanged_IsSavedAndConfirmedByEmail()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();
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

    private static Dictionary<string, string> InfoFields(string phone, string postal, string address) => new()
    {
        ["Input.Phone"] = phone,
        ["Input.PostalCode"] = postal,
        ["Input.Address"] = address,
    };
}
