using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.Account;

/// <summary>Forgot password (ForgotPassword.cshtml, 001 §3.5): the same answer either way, a link only on a match.</summary>
public abstract class ForgotPasswordTests<TFixture>(TFixture app)
    where TFixture : IWebApp
{
    [Fact]
    public async Task ForgotPassword_WrongEmail_AnswersTheSameAndSendsNothing()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        using var client = app.Browser();

        var html = await client.ForgotPasswordAsync(applicant.UserName!, "not-mine@example.test");

        Assert.Contains("data-testid=\"forgot-sent\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountEmailsAsync("not-mine@example.test", "password-reset-link"));
        Assert.Equal(0, await app.CountEmailsAsync(applicant.Email!, "password-reset-link"));
    }
}

public sealed class ForgotPasswordTests_Sqlite(PortalOnSqlite app) : ForgotPasswordTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class ForgotPasswordTests_Postgres(PortalOnPostgres app) : ForgotPasswordTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
