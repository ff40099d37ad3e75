using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>The applicant's withdrawal through <see cref="ApplicantWork"/>, on a real database, on both engines.</summary>
public abstract class ApplicantWorkTests(TestDatabase database)
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Withdraw_AtTheVersionSeen_IsFinalRecordedAuditedAndAnnounced()
    {
        var owner = await database.SeedApplicantAsync();
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);

        var result = await WorkAsync(w => w.WithdrawAsync(application.Id, application.Version, owner.ToActor(), "192.0.2.7", Ct));

        Assert.True(result.Succeeded, result.Error?.Message);
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal((ApplicationStatus.Withdrawn, CaseStage.Closed, application.Version + 1), (stored.Status, stored.Stage, stored.Version));
        var last = stored.History.OrderBy(h => h.Id).Last();
        Assert.Equal((CaseAction.Withdraw, owner.Id, ActorRole.Applicant), (last.Action, last.ActorId, last.ActorRole));
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "case.withdraw", Ct);
        Assert.Equal((AuditOutcome.Succeeded, "192.0.2.7", owner.Id), (audit.Outcome, audit.RemoteAddress, audit.ActorId));
        Assert.True(await db.OutboxEvents.AnyAsync(e => e.ApplicationId == application.Id && e.Type == "case.status-changed", Ct));
    }

    [Fact]
    public async Task Withdraw_AfterTheOfficeChangedTheCase_IsRefusedAsStale_ChangesNothing_IsAudited()
    {
        var owner = await database.SeedApplicantAsync();
        var examiner = A.Staff().Build();
        await database.SeedAsync(examiner);
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);
        // The applicant opened the confirmation at version 0; meanwhile an examiner claims the case (version 1).
        await using (var office = database.CreateContext(_clock))
        {
            var tracked = await office.Applications.SingleAsync(a => a.Id == application.Id, Ct);
            Assert.True(tracked.Claim(examiner.ToActor(), _clock.UtcNow).Succeeded);
            await office.SaveChangesAsync(Ct);
        }

        var result = await WorkAsync(w => w.WithdrawAsync(application.Id, 0, owner.ToActor(), null, Ct));

        Assert.Equal(CaseErrors.StaleVersion, result.Error);
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal((ApplicationStatus.Pending, 1, 1), (stored.Status, stored.Version, stored.History.Count));
        await AssertRefusedAsync(application.Id, "case.stale");
        // At the version it is now, it can be withdrawn.
        Assert.True((await WorkAsync(w => w.WithdrawAsync(application.Id, 1, owner.ToActor(), null, Ct))).Succeeded);
    }

    [Fact]
    public async Task Withdraw_UnderReview_IsRefusedByTheStateMachineAndAudited()
    {
        var owner = await database.SeedApplicantAsync();
        var examiner = A.Staff().Build();
        await database.SeedAsync(examiner);
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), _clock.UtcNow);

        var result = await WorkAsync(w => w.WithdrawAsync(application.Id, application.Version, owner.ToActor(), null, Ct));

        Assert.Equal("case.illegal-transition", result.Error?.Code);
        Assert.Equal(ApplicationStatus.UnderReview, (await database.LoadCaseAsync(application.Id)).Status);
        await AssertRefusedAsync(application.Id, "case.illegal-transition");
    }

    [Fact]
    public async Task Withdraw_SomeoneElsesCase_IsNotFound_AuditedWithoutTheirCase()
    {
        var owner = await database.SeedApplicantAsync();
        var stranger = await database.SeedApplicantAsync();
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);

        var result = await WorkAsync(w => w.WithdrawAsync(application.Id, application.Version, stranger.ToActor(), null, Ct));

        Assert.Equal(CaseErrors.NotFound, result.Error);
        Assert.Equal(ApplicationStatus.Pending, (await database.LoadCaseAsync(application.Id)).Status);
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ActorId == stranger.Id && a.Action == "case.withdraw", Ct);
        Assert.Equal((AuditOutcome.Refused, (long?)null), (audit.Outcome, audit.ApplicationId));
        Assert.StartsWith("case.not-found", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_WhileAnExaminerClaimsAtTheSameVersion_OneWinsNothingHalfApplied()
    {
        var owner = await database.SeedApplicantAsync();
        var examiner = A.Staff().Build();
        await database.SeedAsync(examiner);
        var application = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);
        using var barrier = new Barrier(2);

        var withdraw = Task.Run(async () =>
        {
            await using var db = database.CreateContext(_clock);
            await db.Database.OpenConnectionAsync(Ct);
            barrier.SignalAndWait(Ct);
            return await new ApplicantWork(db, _clock).WithdrawAsync(application.Id, 0, owner.ToActor(), null, Ct);
        }, Ct);
        var claim = Task.Run(async () =>
        {
            await using var db = database.CreateContext(_clock);
            await db.Database.OpenConnectionAsync(Ct);
            barrier.SignalAndWait(Ct);
            var work = new CaseWork(db, new Data.Numbers.CaseNumbers(new Data.Numbers.NumberAllocator(db)), new Data.Messaging.Mailer(db, _clock), new Data.Hosting.RasensOptions(), _clock);
            return await work.ClaimAsync(application.Id, 0, examiner.ToActor(), Ct);
        }, Ct);
        var results = await Task.WhenAll(withdraw, claim);

        Assert.Single(results, r => r.Succeeded);
        var stored = await database.LoadCaseAsync(application.Id);
        Assert.Equal(1, stored.Version);
        Assert.True(results[0].Succeeded
            ? stored.Status == ApplicationStatus.Withdrawn && stored.AssigneeId is null
            : stored.Status == ApplicationStatus.Pending && stored.AssigneeId == examiner.Id);
    }

    private async Task AssertRefusedAsync(long id, string code)
    {
        await using var db = database.CreateContext();
        var refused = await db.AuditEntries.Where(a => a.ApplicationId == id && a.Action == "case.withdraw" && a.Outcome == AuditOutcome.Refused).ToListAsync(Ct);
        Assert.Contains(refused, a => a.Details!.StartsWith(code, StringComparison.Ordinal));
    }

    private async Task<T> WorkAsync<T>(Func<ApplicantWork, Task<T>> act)
    {
        await using var db = database.CreateContext(_clock);
        return await act(new ApplicantWork(db, _clock));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class ApplicantWorkTests_Sqlite(SqliteTestDatabase database) : ApplicantWorkTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ApplicantWorkTests_Postgres(PostgresTestDatabase database) : ApplicantWorkTests(database), IClassFixture<PostgresTestDatabase>;
