using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Accounts;

/// <summary>
/// The applicant account workflows through <see cref="ApplicantAccounts"/>, with the Identity the Portal registers
/// (<see cref="RasensWeb.AddAccounts{TUser, TClaim, TLogin, TToken, TClaimsFactory}"/>), on both engines.
/// </summary>
public abstract class ApplicantAccountsTests(TestDatabase database)
{
    private const string Password = "Fresh-Start-77";
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Register_WithAUsableLink_CreatesTheAccountConsumesTheLinkMailsTheUserIdAndAudits()
    {
        var email = NewEmail();
        var token = await LinkAsync(EmailLinkPurpose.Registration, email, null);

        var result = await AccountsAsync(a => a.RegisterAsync(token, Account(), "vi", "192.0.2.1", Ct));

        Assert.True(result.Succeeded, result.Error?.Message);
        var user = result.Value!;
        Assert.Matches("^[A-Z]{2}[0-9]{8}$", user.UserName);
        await using var db = database.CreateContext();
        var stored = await db.ApplicantUsers.SingleAsync(u => u.Id == user.Id, Ct);
        Assert.Equal((email, true, "NGUYEN VAN AN", "09012345678", "vi", true), (stored.Email, stored.EmailConfirmed, stored.NameEnglish, stored.PhoneNumber, stored.PreferredCulture, stored.LockoutEnabled));
        Assert.Equal(email.ToUpperInvariant(), stored.NormalizedEmail);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<ApplicantUser>().VerifyHashedPassword(stored, stored.PasswordHash!, Password));
        Assert.NotNull((await db.EmailLinks.SingleAsync(l => l.Email == email, Ct)).UsedAt);
        var mail = await db.OutboxEmails.SingleAsync(e => e.To == email && e.Template == "user-registered", Ct);
        Assert.Contains(user.UserName!, mail.Body, StringComparison.Ordinal);
        Assert.Equal("vi", mail.Culture);
        var audit = await db.AuditEntries.SingleAsync(a => a.ActorId == user.Id && a.Action == "applicant.registered", Ct);
        Assert.Equal((AuditOutcome.Succeeded, "192.0.2.1"), (audit.Outcome, audit.RemoteAddress));
    }

    [Fact]
    public async Task Register_TheSameLinkTwice_SecondIsRefusedAsUsed_OneAccount()
    {
        var email = NewEmail();
        var token = await LinkAsync(EmailLinkPurpose.Registration, email, null);
        Assert.True((await AccountsAsync(a => a.RegisterAsync(token, Account(), "ja", null, Ct))).Succeeded);

        var again = await AccountsAsync(a => a.RegisterAsync(token, Account(), "ja", null, Ct));

        Assert.Equal(EmailLinks.Used, again.Error);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.ApplicantUsers.CountAsync(u => u.Email == email, Ct));
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.To == email && e.Template == "user-registered", Ct));
        await AssertRefusedAsync("applicant.registered", "link.used");
    }

    [Fact]
    public async Task Register_After24Hours_IsRefusedAsExpired()
    {
        var email = NewEmail();
        var token = await LinkAsync(EmailLinkPurpose.Registration, email, null);
        _clock.Advance(EmailLinks.Lifetime);

        var result = await AccountsAsync(a => a.RegisterAsync(token, Account(), "ja", null, Ct));

        Assert.Equal(EmailLinks.Expired, result.Error);
        await AssertNoAccountAsync(email);
        await AssertRefusedAsync("applicant.registered", "link.expired");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Register_WithoutAValidLink_IsRefusedAsInvalid(string? token)
    {
        var result = await AccountsAsync(a => a.RegisterAsync(token, Account(), "ja", null, Ct));

        Assert.Equal(EmailLinks.Invalid, result.Error);
    }

    [Fact]
    public async Task Register_PasswordIdentityRefuses_NothingIsCreatedAndTheLinkStaysUsable()
    {
        var email = NewEmail();
        var token = await LinkAsync(EmailLinkPurpose.Registration, email, null);

        var result = await AccountsAsync(a => a.RegisterAsync(token, Account() with { Password = "weak" }, "ja", null, Ct));

        Assert.StartsWith("password.", result.Error?.Code, StringComparison.Ordinal);
        await AssertNoAccountAsync(email);
        await using (var db = database.CreateContext())
        {
            Assert.Null((await db.EmailLinks.SingleAsync(l => l.Email == email, Ct)).UsedAt);
        }

        Assert.True((await AccountsAsync(a => a.RegisterAsync(token, Account(), "ja", null, Ct))).Succeeded);
    }

    [Fact]
    public async Task Register_OrganisationStaffWithoutTheOrganisation_IsRefused_WithItTheNameIsKept()
    {
        var email = NewEmail();
        var token = await LinkAsync(EmailLinkPurpose.Registration, email, null);
        var staff = Account() with { UserType = ApplicantUserType.OrganizationStaff, OrganizationName = "  " };

        var refused = await AccountsAsync(a => a.RegisterAsync(token, staff, "ja", null, Ct));
        var registered = await AccountsAsync(a => a.RegisterAsync(token, staff with { OrganizationName = " Beppu Language School " }, "ja", null, Ct));

        Assert.Equal(ApplicantAccounts.OrganizationRequired, refused.Error);
        Assert.Equal("Beppu Language School", registered.Value?.OrganizationName);
    }

    [Fact]
    public async Task SendUserIds_MatchOrNot_TheSameOutcome_MailOnlyOnAMatch_AuditSaysWhich()
    {
        var applicant = await database.SeedApplicantAsync();

        var matched = await AccountsAsync(a => a.SendUserIdsAsync(applicant.Email!.ToUpperInvariant(), applicant.NameEnglish, null, Ct));
        var unmatched = await AccountsAsync(a => a.SendUserIdsAsync(applicant.Email!, "SOMEBODY ELSE", null, Ct));

        Assert.Equal(matched, unmatched);
        Assert.True(matched.Succeeded);
        await using var db = database.CreateContext();
        var mail = await db.OutboxEmails.SingleAsync(e => e.To == applicant.Email && e.Template == "user-id-reminder", Ct);
        Assert.Contains(applicant.UserName!, mail.Body, StringComparison.Ordinal);
        var audits = await db.AuditEntries.Where(a => a.Action == "applicant.forgot-user-id" && (a.ActorName == applicant.NameEnglish || a.ActorName == "SOMEBODY ELSE")).ToListAsync(Ct);
        Assert.Equal([AuditOutcome.Succeeded, AuditOutcome.Refused], audits.OrderBy(a => a.Id).Select(a => a.Outcome));
    }

    [Fact]
    public async Task SendPasswordReset_MatchOrNot_TheSameOutcome_ALinkOnlyOnAMatch()
    {
        var applicant = await database.SeedApplicantAsync();

        var matched = await AccountsAsync(a => a.SendPasswordResetAsync(applicant.UserName!.ToLowerInvariant(), $" {applicant.Email!.ToUpperInvariant()} ", null, Ct));
        var unmatched = await AccountsAsync(a => a.SendPasswordResetAsync(applicant.UserName!, "not-mine@example.test", null, Ct));
        var nobody = await AccountsAsync(a => a.SendPasswordResetAsync("ZZ00000000", applicant.Email!, null, Ct));

        Assert.Equal(matched, unmatched);
        Assert.Equal(matched, nobody);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.To == applicant.Email && e.Template == "password-reset-link", Ct));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == "not-mine@example.test", Ct));
        var link = await db.EmailLinks.SingleAsync(l => l.ApplicantId == applicant.Id, Ct);
        Assert.Equal(EmailLinkPurpose.PasswordReset, link.Purpose);
        var outcomes = await db.AuditEntries.Where(a => a.Action == "applicant.forgot-password" && a.ActorId == applicant.Id).Select(a => a.Outcome).ToListAsync(Ct);
        Assert.Equal([AuditOutcome.Succeeded, AuditOutcome.Refused], outcomes.Order());
    }

    /// <summary>
    /// The e-mail is matched through the normaliser Identity is configured with (here one that lower-cases, unlike
    /// ToUpperInvariant): stored and typed addresses meet only if the service asks the same normaliser.
    /// </summary>
    [Fact]
    public async Task EmailMatching_GoesThroughIdentitysNormaliser()
    {
        var lower = new LowerCaseNormalizer();
        var applicant = A.Applicant().Build();
        applicant.NormalizedEmail = lower.NormalizeEmail(applicant.Email);
        await database.SeedAsync(applicant);

        await AccountsAsync(a => a.SendUserIdsAsync(applicant.Email!.ToUpperInvariant(), applicant.NameEnglish, null, Ct), lower);
        await AccountsAsync(a => a.SendPasswordResetAsync(applicant.UserName!, applicant.Email!.ToUpperInvariant(), null, Ct), lower);

        await using var db = database.CreateContext();
        Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == applicant.Email && e.Template == "user-id-reminder", Ct));
        Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == applicant.Email && e.Template == "password-reset-link", Ct));
        Assert.True(lower.Emails > 0);
    }

    [Fact]
    public async Task ResetPassword_LockedAccount_SetsThePasswordLiftsTheLockClearsTheCountMailsAndAudits()
    {
        var applicant = A.Applicant().Build();
        applicant.LockoutEnd = _clock.GetUtcNow().AddHours(20);
        applicant.AccessFailedCount = 3;
        await database.SeedAsync(applicant);
        var token = await LinkAsync(EmailLinkPurpose.PasswordReset, applicant.Email!, applicant.Id);

        var result = await AccountsAsync(a => a.ResetPasswordAsync(token, Password, "192.0.2.9", Ct));

        Assert.True(result.Succeeded, result.Error?.Message);
        var stored = await StoredAsync(applicant.Id);
        Assert.Equal((null, 0), (stored.LockoutEnd, stored.AccessFailedCount));
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<ApplicantUser>().VerifyHashedPassword(stored, stored.PasswordHash!, Password));
        Assert.NotEqual(applicant.SecurityStamp, stored.SecurityStamp); // other sessions end
        await using var db = database.CreateContext();
        Assert.NotNull((await db.EmailLinks.SingleAsync(l => l.ApplicantId == applicant.Id, Ct)).UsedAt);
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.To == applicant.Email && e.Template == "password-changed", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ActorId == applicant.Id && a.Action == "applicant.password-reset" && a.Outcome == AuditOutcome.Succeeded, Ct));
        // The link is single-use.
        Assert.Equal(EmailLinks.Used, (await AccountsAsync(a => a.ResetPasswordAsync(token, "Another-One-88", null, Ct))).Error);
    }

    [Fact]
    public async Task ResetPassword_RefusedPassword_IsAllOrNothing_TheLockTheLinkAndThePasswordStay()
    {
        var applicant = A.Applicant().Build();
        applicant.LockoutEnd = _clock.GetUtcNow().AddHours(20);
        applicant.AccessFailedCount = 2;
        await database.SeedAsync(applicant);
        var token = await LinkAsync(EmailLinkPurpose.PasswordReset, applicant.Email!, applicant.Id);

        var result = await AccountsAsync(a => a.ResetPasswordAsync(token, "weak", null, Ct));

        Assert.StartsWith("password.", result.Error?.Code, StringComparison.Ordinal);
        var stored = await StoredAsync(applicant.Id);
        Assert.Equal((applicant.LockoutEnd, 2, applicant.PasswordHash), (stored.LockoutEnd, stored.AccessFailedCount, stored.PasswordHash));
        await using var db = database.CreateContext();
        Assert.Null((await db.EmailLinks.SingleAsync(l => l.ApplicantId == applicant.Id, Ct)).UsedAt);
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == applicant.Email && e.Template == "password-changed", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ActorId == applicant.Id && a.Action == "applicant.password-reset" && a.Outcome == AuditOutcome.Refused, Ct));
    }

    [Fact]
    public async Task ResetPassword_ExpiredOrUnknownLink_IsRefused_NothingChanges()
    {
        var applicant = await database.SeedApplicantAsync();
        var token = await LinkAsync(EmailLinkPurpose.PasswordReset, applicant.Email!, applicant.Id);
        var registration = await LinkAsync(EmailLinkPurpose.Registration, applicant.Email!, null);
        _clock.Advance(EmailLinks.Lifetime);

        Assert.Equal(EmailLinks.Expired, (await AccountsAsync(a => a.ResetPasswordAsync(token, Password, null, Ct))).Error);
        Assert.Equal(EmailLinks.Invalid, (await AccountsAsync(a => a.ResetPasswordAsync(registration, Password, null, Ct))).Error);
        Assert.Equal(applicant.PasswordHash, (await StoredAsync(applicant.Id)).PasswordHash);
        await AssertRefusedAsync("applicant.password-reset", "link.expired");
    }

    [Fact]
    public async Task ConfirmEmailChange_SetsTheAddressNormalisedByIdentity_TellsBothAddresses_OnlyForTheAccountThatAsked()
    {
        var lower = new LowerCaseNormalizer();
        var applicant = await database.SeedApplicantAsync();
        var stranger = await database.SeedApplicantAsync();
        var newEmail = "New." + NewEmail();
        Assert.True((await AccountsAsync(a => a.RequestEmailChangeAsync(applicant.Id, newEmail, Ct))).Succeeded);
        string token;
        await using (var db = database.CreateContext())
        {
            Assert.Contains("/MyPage/ConfirmEmail?token=", (await db.OutboxEmails.SingleAsync(e => e.To == newEmail && e.Template == "email-change-link", Ct)).Body, StringComparison.Ordinal);
            token = await LinkAsync(EmailLinkPurpose.EmailChange, newEmail, applicant.Id);
        }

        var theirs = await AccountsAsync(a => a.ConfirmEmailChangeAsync(stranger.Id, token, null, Ct), lower);
        var mine = await AccountsAsync(a => a.ConfirmEmailChangeAsync(applicant.Id, token, null, Ct), lower);

        Assert.Equal(ApplicantAccounts.NotYourLink, theirs.Error);
        Assert.True(mine.Succeeded, mine.Error?.Message);
        var stored = await StoredAsync(applicant.Id);
        Assert.Equal((newEmail, lower.NormalizeEmail(newEmail), true), (stored.Email, stored.NormalizedEmail, stored.EmailConfirmed));
        Assert.Equal(stranger.Email, (await StoredAsync(stranger.Id)).Email);
        await using var check = database.CreateContext();
        Assert.Contains(newEmail, (await check.OutboxEmails.SingleAsync(e => e.To == applicant.Email && e.Template == "email-changed-old", Ct)).Body, StringComparison.Ordinal);
        Assert.Equal(1, await check.OutboxEmails.CountAsync(e => e.To == newEmail && e.Template == "email-changed-new", Ct));
        Assert.Equal(EmailLinks.Used, (await AccountsAsync(a => a.ConfirmEmailChangeAsync(applicant.Id, token, null, Ct))).Error);
    }

    [Fact]
    public async Task RequestEmailChange_TheSameAddressInAnotherCase_IsRefusedAsUnchanged()
    {
        var applicant = await database.SeedApplicantAsync();

        await using var scope = Services().CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<ApplicantAccounts>();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicantUser>>().FindByIdAsync(applicant.Id.ToString()))!;

        Assert.Equal(ApplicantAccounts.EmailUnchanged, accounts.EmailChangeRefusal(user, applicant.Email!.ToUpperInvariant()));
        Assert.Null(accounts.EmailChangeRefusal(user, NewEmail()));
        Assert.Equal(ApplicantAccounts.EmailUnchanged, (await accounts.RequestEmailChangeAsync(applicant.Id, $" {applicant.Email} ", Ct)).Error);
    }

    [Fact]
    public async Task ChangeContactDetails_ListsWhatChanged_InTheApplicantsLanguageNotTheScreens()
    {
        var applicant = A.Applicant().Build();
        applicant.PreferredCulture = "ja";
        applicant.PhoneNumber = "0312345678";
        await database.SeedAsync(applicant);
        var screen = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var result = await AccountsAsync(a => a.ChangeContactDetailsAsync(applicant.Id, new ContactDetails("0312345678", "1000013", "東京都千代田区霞が関２－２－２"), null, Ct));

            Assert.Equal([ContactItem.PostalCode, ContactItem.Address], result.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = screen;
        }

        var stored = await StoredAsync(applicant.Id);
        Assert.Equal(("0312345678", "1000013", "東京都千代田区霞が関２－２－２"), (stored.PhoneNumber, stored.PostalCode, stored.Address));
        await using var db = database.CreateContext();
        var mail = await db.OutboxEmails.SingleAsync(e => e.To == applicant.Email && e.Template == "user-info-changed", Ct);
        Assert.Contains("郵便番号: 1000013\n住居地: 東京都千代田区霞が関２－２－２", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("電話番号", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Postal code", mail.Body, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ActorId == applicant.Id && a.Action == "applicant.info-changed", Ct));
    }

    [Fact]
    public async Task ChangeContactDetails_NothingDifferent_WritesNothing()
    {
        var applicant = A.Applicant().Build();
        applicant.PhoneNumber = "0312345678";
        await database.SeedAsync(applicant);

        var result = await AccountsAsync(a => a.ChangeContactDetailsAsync(applicant.Id, new ContactDetails("0312345678", "", null), null, Ct));

        Assert.Empty(result.Value!);
        await using var db = database.CreateContext();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == applicant.Email, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ActorId == applicant.Id, Ct));
    }

    [Theory]
    [InlineData(ContactItem.Phone, "vi", "Số điện thoại")]
    [InlineData(ContactItem.PostalCode, "zh-Hant", "郵遞區號")]
    [InlineData(ContactItem.Address, "en", "Address in Japan")]
    public void Label_IsTheItemsNameInTheLanguageAsked(ContactItem item, string culture, string expected) =>
        Assert.Equal(expected, ApplicantAccounts.Label(item, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_IsSetMailedAndAudited_WithAWrongOneIsRefused()
    {
        var applicant = await database.SeedApplicantAsync();

        var wrong = await AccountsAsync(a => a.ChangePasswordAsync(applicant.Id, "Wrong-Horse9", Password, null, Ct));
        var changed = await AccountsAsync(a => a.ChangePasswordAsync(applicant.Id, "Correct-Horse9", Password, null, Ct));

        Assert.Equal("PasswordMismatch", wrong.Error?.Code);
        Assert.True(changed.Succeeded, changed.Error?.Message);
        var stored = await StoredAsync(applicant.Id);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<ApplicantUser>().VerifyHashedPassword(stored, stored.PasswordHash!, Password));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.To == applicant.Email && e.Template == "password-changed", Ct));
        var outcomes = await db.AuditEntries.Where(a => a.ActorId == applicant.Id && a.Action == "applicant.password-changed").Select(a => a.Outcome).ToListAsync(Ct);
        Assert.Equal([AuditOutcome.Succeeded, AuditOutcome.Refused], outcomes.Order());
    }

    private static NewAccount Account() => new(ApplicantUserType.ForeignNational, "NGUYEN VAN AN", "09012345678", null, Password);

    private static string NewEmail() => $"acct-{Guid.NewGuid():N}@example.test";

    /// <summary>The Portal's services around the test database: its Identity, the outbox, the links, the accounts.</summary>
    private ServiceProvider Services(ILookupNormalizer? normalizer = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDbContext<RasensDbContext>(builder => RasensDataRegistration.Configure(builder, database.Settings));
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (normalizer is not null)
        {
            services.AddSingleton(normalizer); // Identity adds its default only when none is registered
        }

        services.AddSingleton(new PasswordPolicyOptions());
        services.AddSingleton(new RasensOptions { PortalUrl = "https://portal.example" });
        services.AddAccounts<ApplicantUser, ApplicantUserClaim, ApplicantUserLogin, ApplicantUserToken>(
            "Rasens.Test", "/Account/Login", "/Account/Login", TimeSpan.FromHours(3), SameSiteMode.Lax);
        services.AddScoped<Mailer>();
        services.AddScoped<EmailLinks>();
        services.AddApplicantAccounts();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task<T> AccountsAsync<T>(Func<ApplicantAccounts, Task<T>> act, ILookupNormalizer? normalizer = null)
    {
        await using var provider = Services(normalizer);
        await using var scope = provider.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<ApplicantAccounts>());
    }

    private async Task<string> LinkAsync(EmailLinkPurpose purpose, string email, Guid? applicantId)
    {
        await using var db = database.CreateContext(_clock);
        var token = new EmailLinks(db, _clock).Create(purpose, email, applicantId);
        await db.SaveChangesAsync(Ct);
        return token;
    }

    private async Task<ApplicantUser> StoredAsync(Guid id)
    {
        await using var db = database.CreateContext();
        return await db.ApplicantUsers.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
    }

    private async Task AssertNoAccountAsync(string email)
    {
        await using var db = database.CreateContext();
        Assert.False(await db.ApplicantUsers.AnyAsync(u => u.Email == email, Ct));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.To == email && e.Template == "user-registered", Ct));
    }

    private async Task AssertRefusedAsync(string action, string code)
    {
        await using var db = database.CreateContext();
        var refused = await db.AuditEntries.Where(a => a.Action == action && a.Outcome == AuditOutcome.Refused).Select(a => a.Details).ToListAsync(Ct);
        Assert.Contains(refused, d => d!.StartsWith(code + ":", StringComparison.Ordinal));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A normaliser unlike ToUpperInvariant, counting how often it is asked about an e-mail address.</summary>
    private sealed class LowerCaseNormalizer : ILookupNormalizer
    {
        private int _emails;

        public int Emails => _emails;

        public string? NormalizeName(string? name) => name?.ToUpperInvariant();

        public string? NormalizeEmail(string? email)
        {
            Interlocked.Increment(ref _emails);
            return email?.Normalize().ToLowerInvariant();
        }
    }
}

public sealed class ApplicantAccountsTests_Sqlite(SqliteTestDatabase database) : ApplicantAccountsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ApplicantAccountsTests_Postgres(PostgresTestDatabase database) : ApplicantAccountsTests(database), IClassFixture<PostgresTestDatabase>;
