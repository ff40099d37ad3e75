using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

/// <summary>What the database adds to the rules: one transaction per change, and no lost updates. Both engines.</summary>
public abstract class CasePersistenceTests(TestDatabase database)
{
    [Fact]
    public async Task SaveChanges_Transition_StoresStatusHistoryAndEventTogether()
    {
        var (owner, examiner) = await AccountsAsync();
        var id = await AddCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner));

        await using (var db = database.CreateContext())
        {
            var application = await db.Applications.Include(a => a.History).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            Assert.True(application.ReturnForCorrection(examiner.ToActor(), "Attach a photo taken within 6 months.", DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var check = database.CreateContext();
        var stored = await check.Applications.Include(a => a.History).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(ApplicationStatus.InReturnProcess, stored.Status);
        var last = stored.History.OrderBy(h => h.Id).Last();
        Assert.Equal(ApplicationStatus.UnderReview, last.FromStatus);
        Assert.Equal(ApplicationStatus.InReturnProcess, last.ToStatus);
        Assert.Equal(examiner.Id, last.ActorId);
        Assert.Equal("Attach a photo taken within 6 months.", last.Reason);
        var events = await check.OutboxEvents.Where(e => e.ApplicationId == id).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["case.submitted", "case.claimed", "case.status-changed", "case.status-changed", "case.status-changed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(owner.Id, e.ApplicantId));
        Assert.Contains("\"to\":\"InReturnProcess\"", events[^1].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveChanges_StaleVersion_IsRefusedAndWritesNothing()
    {
        var (owner, examiner) = await AccountsAsync();
        var id = await AddCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner));

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        var theirs = await second.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        var historyBefore = await CountHistoryAsync(id);
        var eventsBefore = await CountEventsAsync(id);

        Assert.True(mine.Approve(examiner.ToActor(), DateTime.UtcNow).Succeeded);
        await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.True(theirs.Deny(examiner.ToActor(), "Refused in the other tab.", DateTime.UtcNow).Succeeded);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var check = database.CreateContext();
        var stored = await check.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(ApplicationStatus.AwaitingIssuance, stored.Status);
        Assert.Equal(historyBefore + 1, await CountHistoryAsync(id));
        Assert.Equal(eventsBefore + 1, await CountEventsAsync(id));
    }

    [Fact]
    public async Task Claim_TwoExaminersAtTheSameMoment_ExactlyOneHoldsTheCase()
    {
        var (owner, _) = await AccountsAsync();
        var rivals = new[] { A.Staff().Build(), A.Staff().Build() };
        await database.SeedAsync(rivals.Cast<object>().ToArray());
        var id = await AddCaseAsync(A.Case(owner));
        using var bothLoaded = new Barrier(2);

        async Task<bool> ClaimAsync(StaffUser examiner)
        {
            await using var db = database.CreateContext();
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            bothLoaded.SignalAndWait(TimeSpan.FromSeconds(30));
            if (!application.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded)
            {
                return false;
            }

            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                return false;
            }
        }

        var results = await Task.WhenAll(rivals.Select(r => Task.Run(() => ClaimAsync(r))));

        Assert.Single(results, won => won);
        await using var check = database.CreateContext();
        var stored = await check.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        var winner = rivals[Array.IndexOf(results, true)];
        Assert.Equal(winner.Id, stored.AssigneeId);
        Assert.Equal(1, await check.OutboxEvents.CountAsync(e => e.ApplicationId == id && e.Type == "case.claimed", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SaveChanges_TransactionRolledBack_LeavesNoStatusHistoryOrEvent()
    {
        var (owner, examiner) = await AccountsAsync();
        var id = await AddCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner));
        var historyBefore = await CountHistoryAsync(id);
        var eventsBefore = await CountEventsAsync(id);

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            var application = await db.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            Assert.True(application.Approve(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken); // e.g. the e-mail could not be queued
        }

        await using var check = database.CreateContext();
        Assert.Equal(ApplicationStatus.UnderReview, (await check.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(historyBefore, await CountHistoryAsync(id));
        Assert.Equal(eventsBefore, await CountEventsAsync(id));
    }

    [Fact]
    public async Task Application_RoundTrip_KeepsUtcTimesAndEnumsAsText()
    {
        var (owner, examiner) = await AccountsAsync();
        var at = new DateTime(2026, 11, 20, 8, 30, 15, DateTimeKind.Utc);
        var id = await AddCaseAsync(A.Case(owner).InStatus(ApplicationStatus.ApplicationCompleted).HeldBy(examiner), at);

        await using var db = database.CreateContext();
        var stored = await db.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(at, stored.SubmittedAt);
        Assert.Equal(DateTimeKind.Utc, stored.SubmittedAt.Kind);
        var statusText = await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM applications WHERE id = {id}").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ApplicationCompleted"], statusText);
    }

    private async Task<(ApplicantUser Owner, StaffUser Examiner)> AccountsAsync()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, examiner);
        return (owner, examiner);
    }

    private async Task<long> AddCaseAsync(CaseBuilder builder, DateTime? at = null)
    {
        await using var db = database.CreateContext();
        var application = builder.Build(at);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }

    private async Task<int> CountHistoryAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.StatusHistory.CountAsync(h => h.ApplicationId == id);
    }

    private async Task<int> CountEventsAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.OutboxEvents.CountAsync(e => e.ApplicationId == id);
    }
}

public sealed class CasePersistenceTests_Sqlite(SqliteTestDatabase database) : CasePersistenceTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class CasePersistenceTests_Postgres(PostgresTestDatabase database) : CasePersistenceTests(database), IClassFixture<PostgresTestDatabase>;
