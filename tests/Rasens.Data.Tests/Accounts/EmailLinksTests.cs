using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.Data.Tests.Accounts;

public abstract class EmailLinksTests(TestDatabase database)
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Find_FreshLink_IsUsableForItsPurposeOnly()
    {
        var token = await CreateAsync(EmailLinkPurpose.Registration);
        await using var db = database.CreateContext(_clock);
        var links = new EmailLinks(db, _clock);

        Assert.True((await links.FindUsableAsync(token, EmailLinkPurpose.Registration, TestContext.Current.CancellationToken)).Succeeded);
        Assert.Equal(EmailLinks.Invalid, (await links.FindUsableAsync(token, EmailLinkPurpose.PasswordReset, TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Find_After24Hours_SaysExpired()
    {
        var token = await CreateAsync(EmailLinkPurpose.Registration);
        _clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        await using var db = database.CreateContext(_clock);
        Assert.True((await new EmailLinks(db, _clock).FindUsableAsync(token, EmailLinkPurpose.Registration, TestContext.Current.CancellationToken)).Succeeded);

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(EmailLinks.Expired, (await new EmailLinks(db, _clock).FindUsableAsync(token, EmailLinkPurpose.Registration, TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Consume_Twice_SecondIsRefusedAndTheLinkSaysUsed()
    {
        var token = await CreateAsync(EmailLinkPurpose.PasswordReset);
        await using var first = database.CreateContext(_clock);
        await using var second = database.CreateContext(_clock);
        var mine = (await new EmailLinks(first, _clock).FindUsableAsync(token, EmailLinkPurpose.PasswordReset, TestContext.Current.CancellationToken)).Value!;
        var theirs = (await new EmailLinks(second, _clock).FindUsableAsync(token, EmailLinkPurpose.PasswordReset, TestContext.Current.CancellationToken)).Value!;

        Assert.True((await new EmailLinks(first, _clock).ConsumeAsync(mine, TestContext.Current.CancellationToken)).Succeeded);
        Assert.Equal(EmailLinks.Used, (await new EmailLinks(second, _clock).ConsumeAsync(theirs, TestContext.Current.CancellationToken)).Error);

        await using var check = database.CreateContext(_clock);
        Assert.Equal(EmailLinks.Used, (await new EmailLinks(check, _clock).FindUsableAsync(token, EmailLinkPurpose.PasswordReset, TestContext.Current.CancellationToken)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Find_UnknownToken_IsInvalid(string token)
    {
        await using var db = database.CreateContext(_clock);

        Assert.Equal(EmailLinks.Invalid, (await new EmailLinks(db, _clock).FindUsableAsync(token, EmailLinkPurpose.Registration, TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Find_TamperedToken_IsInvalid()
    {
        var token = await CreateAsync(EmailLinkPurpose.PasswordReset);
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        await using var db = database.CreateContext(_clock);

        Assert.Equal(EmailLinks.Invalid, (await new EmailLinks(db, _clock).FindUsableAsync(tampered, EmailLinkPurpose.PasswordReset, TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public async Task Create_StoresOnlyAHashOfTheToken()
    {
        var token = await CreateAsync(EmailLinkPurpose.Registration);
        await using var db = database.CreateContext(_clock);

        Assert.DoesNotContain(db.EmailLinks.Select(l => l.TokenHash).ToList(), h => h.Contains(token, StringComparison.Ordinal));
    }

    private async Task<string> CreateAsync(EmailLinkPurpose purpose)
    {
        await using var db = database.CreateContext(_clock);
        var token = new EmailLinks(db, _clock).Create(purpose, "someone@example.test", null);
        await db.SaveChangesAsync();
        return token;
    }
}

public sealed class EmailLinksTests_Sqlite(SqliteTestDatabase database) : EmailLinksTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class EmailLinksTests_Postgres(PostgresTestDatabase database) : EmailLinksTests(database), IClassFixture<PostgresTestDatabase>;
