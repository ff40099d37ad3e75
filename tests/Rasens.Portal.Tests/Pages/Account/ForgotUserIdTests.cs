using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Forgot user ID (ForgotUserId.cshtml, 001 §3.4): the same answer either way, a reminder only on a match.</summary>
public abstract class ForgotUserIdTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task ForgotUserId_AnswersTheSameEitherWayAndMailsOnlyOnAMatch()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();

        var matched = await ForgotUserIdAsync(client, applicant.Email!, applicant.NameEnglish);
        var unmatched = await ForgotUserIdAsync(client, applicant.Email!, "SOMEBODY ELSE");

        Assert.Equal(Html.Block(matched, "forgot-sent"), Html.Block(unmatched, "forgot-sent"));
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "user-id-reminder"));
        Assert.Contains(applicant.UserName!, (await app.LastEmailAsync(applicant.Email!, "user-id-reminder")).Body, StringComparison.Ordinal);
    }

    private static async Task<string> ForgotUserIdAsync(HttpClient client, string email, string name) =>
        await (await client.PostFormAsync("/Account/ForgotUserId", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.NameEnglish"] = name }))
            .Content.ReadAsStringAsync();
}

public sealed class ForgotUserIdTests_Sqlite(PortalOnSqlite app) : ForgotUserIdTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class ForgotUserIdTests_Postgres(PortalOnPostgres app) : ForgotUserIdTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
