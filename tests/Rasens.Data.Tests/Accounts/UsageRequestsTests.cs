using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Accounts;

/// <summary>Card readings and requests for use, on both engines.</summary>
public abstract class UsageRequestsTests(TestDatabase database)
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Complete_WithTheRightKey_StoresBasic4AndAnnouncesIt()
    {
        var applicant = await database.SeedApplicantAsync();
        var (id, key) = await StartAsync(applicant.Id);

        await using var db = database.CreateContext(_clock);
        var verifications = new IdentityVerifications(db, _clock);
        Assert.Null(await verifications.FindForReaderAsync(id, key + "x", TestContext.Current.CancellationToken));
        var verification = await verifications.FindForReaderAsync(id, key, TestContext.Current.CancellationToken);
        Assert.NotNull(verification);
        Assert.True((await verifications.CompleteAsync(verification, Card(), TestContext.Current.CancellationToken)).Succeeded);
        Assert.Equal(IdentityVerifications.NotWaiting, (await verifications.CompleteAsync(verification, Card(), TestContext.Current.CancellationToken)).Error);

        await using var check = database.CreateContext(_clock);
        var stored = await check.IdentityVerifications.SingleAsync(v => v.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal((VerificationState.Completed, "YAMADA HANAKO", new DateOnly(1990, 5, 6)), (stored.State, stored.Name, stored.DateOfBirth));
        Assert.True(await check.OutboxEvents.AnyAsync(e => e.Type == "identity.verified" && e.ApplicantId == applicant.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Complete_AfterTenMinutes_TimesOut()
    {
        var applicant = await database.SeedApplicantAsync();
        var (id, key) = await StartAsync(applicant.Id);
        _clock.Advance(IdentityVerifications.WaitLimit);

        await using var db = database.CreateContext(_clock);
        var verifications = new IdentityVerifications(db, _clock);
        var verification = (await verifications.FindForReaderAsync(id, key, TestContext.Current.CancellationToken))!;

        Assert.Equal(IdentityVerifications.TimedOut, (await verifications.CompleteAsync(verification, Card(), TestContext.Current.CancellationToken)).Error);
        Assert.Equal(VerificationState.Expired, (await verifications.FindOwnAsync(id, applicant.Id, TestContext.Current.CancellationToken))!.State);
    }

    [Fact]
    public async Task FindOwn_SomeoneElsesReading_IsNotFound()
    {
        var applicant = await database.SeedApplicantAsync();
        var other = await database.SeedApplicantAsync();
        var (id, _) = await StartAsync(applicant.Id);
        await using var db = database.CreateContext(_clock);

        Assert.Null(await new IdentityVerifications(db, _clock).FindOwnAsync(id, other.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_CreatesOnePendingRequestWithAReferenceNumberAndAnEmail_EvenWhenSentTwice()
    {
        var applicant = await database.SeedApplicantAsync();
        var id = await CompletedReadingAsync(applicant.Id);

        var first = await SubmitAsync(applicant.Id, id);
        var again = await SubmitAsync(applicant.Id, id);

        Assert.True(first.Succeeded, first.Error?.Message);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
        await using var db = database.CreateContext(_clock);
        var requests = await db.Applications.Where(a => a.ApplicantId == applicant.Id).ToListAsync(TestContext.Current.CancellationToken);
        var request = Assert.Single(requests);
        Assert.Equal((ApplicationStatus.Pending, (int)ProcedureKind.UsageRequestResidence, "AB12345678CD"), (request.Status, request.ProcedureId, request.ResidenceCardNumber));
        Assert.Matches("^[0-9]{12}$", request.ReferenceNumber);
        var email = await db.OutboxEmails.SingleAsync(e => e.To == applicant.Email && e.Template == "usage-request-received", TestContext.Current.CancellationToken);
        Assert.Contains(request.ReferenceNumber, email.Body, StringComparison.Ordinal);
        Assert.Equal(request.Id, email.ApplicationId);
        var stored = await db.ApplicantUsers.SingleAsync(u => u.Id == applicant.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("Female", new DateOnly(1990, 5, 6), "09011112222"), (stored.Sex, stored.DateOfBirth, stored.PhoneNumber));
    }

    [Fact]
    public async Task Gate_ProcedureNeedingAUsageRequest_IsRefusedUntilTheOfficeApprovesIt()
    {
        var applicant = await database.SeedApplicantAsync();
        var examiner = A.Staff().Build();
        await database.SeedAsync(examiner);
        await using (var db = database.CreateContext(_clock))
        {
            var extension = await db.Procedures.SingleAsync(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay, TestContext.Current.CancellationToken);
            Assert.Equal("usage.required", (await Usage(db).CheckAllowedAsync(applicant.Id, extension, TestContext.Current.CancellationToken))?.Code);
        }

        var request = (await SubmitAsync(applicant.Id, await CompletedReadingAsync(applicant.Id))).Value!;
        await using (var db = database.CreateContext(_clock))
        {
            var extension = await db.Procedures.SingleAsync(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay, TestContext.Current.CancellationToken);
            Assert.Equal("usage.required", (await Usage(db).CheckAllowedAsync(applicant.Id, extension, TestContext.Current.CancellationToken))?.Code);
            Assert.Equal(UsageRequests.AlreadyPending, await Usage(db).CheckCanStartAsync(applicant.Id, ProcedureKind.UsageRequestResidence, TestContext.Current.CancellationToken));

            // The office registers (approves) the request for use.
            var stored = await db.Applications.SingleAsync(a => a.Id == request.Id, TestContext.Current.CancellationToken);
            Assert.True(stored.Claim(examiner.ToActor(), _clock.UtcNow).Succeeded);
            Assert.True(stored.Receive(examiner.ToActor(), null, _clock.UtcNow).Succeeded);
            Assert.True(stored.Register(examiner.ToActor(), _clock.UtcNow).Succeeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext(_clock))
        {
            var extension = await db.Procedures.SingleAsync(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay, TestContext.Current.CancellationToken);
            var notification = await db.Procedures.SingleAsync(p => p.Kind == ProcedureKind.InstitutionOrSpouseNotification, TestContext.Current.CancellationToken);
            Assert.Null(await Usage(db).CheckAllowedAsync(applicant.Id, extension, TestContext.Current.CancellationToken));
            Assert.Equal("usage.required", (await Usage(db).CheckAllowedAsync(applicant.Id, notification, TestContext.Current.CancellationToken))?.Code);
            Assert.Equal(UsageRequests.AlreadyApproved, await Usage(db).CheckCanStartAsync(applicant.Id, ProcedureKind.UsageRequestResidence, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Submit_ReadingNotCompleted_IsRefused()
    {
        var applicant = await database.SeedApplicantAsync();
        var (id, _) = await StartAsync(applicant.Id);

        var result = await SubmitAsync(applicant.Id, id);

        Assert.Equal(IdentityVerifications.NotFound, result.Error);
    }

    private UsageRequests Usage(RasensDbContext db) => new(db, new CaseNumbers(new NumberAllocator(db)), new Mailer(db, _clock), _clock);

    private async Task<Result<Application>> SubmitAsync(Guid applicantId, Guid verificationId)
    {
        await using var db = database.CreateContext(_clock);
        var applicant = await db.ApplicantUsers.SingleAsync(u => u.Id == applicantId);
        var verification = await db.IdentityVerifications.SingleAsync(v => v.Id == verificationId);
        return await Usage(db).SubmitAsync(applicant, verification, new UsageRequestInput("AB12345678CD", "09011112222"), 3);
    }

    private async Task<(Guid Id, string Key)> StartAsync(Guid applicantId)
    {
        await using var db = database.CreateContext(_clock);
        var verification = new IdentityVerifications(db, _clock).Start(applicantId, VerificationPurpose.ResidenceApplications, "simulated");
        var key = IdentityVerifications.IssueReaderKey(verification);
        await db.SaveChangesAsync();
        return (verification.Id, key);
    }

    private async Task<Guid> CompletedReadingAsync(Guid applicantId)
    {
        var (id, key) = await StartAsync(applicantId);
        await using var db = database.CreateContext(_clock);
        var verifications = new IdentityVerifications(db, _clock);
        var result = await verifications.CompleteAsync((await verifications.FindForReaderAsync(id, key))!, Card());
        Assert.True(result.Succeeded);
        return id;
    }

    private static Basic4 Card() => new("YAMADA HANAKO", "東京都千代田区霞が関１－１－１", new DateOnly(1990, 5, 6), "Female");
}

public sealed class UsageRequestsTests_Sqlite(SqliteTestDatabase database) : UsageRequestsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class UsageRequestsTests_Postgres(PostgresTestDatabase database) : UsageRequestsTests(database), IClassFixture<PostgresTestDatabase>;
