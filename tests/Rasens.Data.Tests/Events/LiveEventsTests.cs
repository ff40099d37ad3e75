using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Events;
using Rasens.Data.Hosting;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>
/// The live channel on a real database, both engines: events read in commit order, each connection sent each
/// event once and in order whether by replay or dispatch, nothing for other applicants, refresh after a gap,
/// the dispatcher delivering and resuming. Each test has a database of its own (event ids are global).
/// </summary>
public abstract class LiveEventsTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task ReplayThenDispatch_EachEventOnceInOrder_WhicheverPathSendsIt()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        var since = await LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("c1", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => Enqueue(sent, events));

        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000001", Now));
        await ChangeAsync(application.Id, c => c.StartReview(examiner, Now));
        await DispatchAllAsync(registry, since); // before the client caught up: nothing live
        Assert.Empty(sent);
        Assert.True(await ReplayAsync(registry, "c1", since));
        await DispatchAllAsync(registry, since); // the same events again through the live path: not resent
        await ChangeAsync(application.Id, c => c.ReturnForCorrection(examiner, "補正", Now));
        await DispatchAllAsync(registry, since);
        Assert.True(await ReplayAsync(registry, "c1", since)); // a second replay from the start: nothing twice

        var statuses = await StatusesAsync([.. sent]);
        Assert.Equal([ApplicationStatus.ApplicationCompleted, ApplicationStatus.UnderReview, ApplicationStatus.InReturnProcess], statuses);
        Assert.Equal(sent.Order(), sent);
    }

    [Fact]
    public async Task ApplicantsConnection_NeverHearsOfOthersCasesOrStaffOnlyEvents()
    {
        var (owner, other, examiner) = await PeopleAsync();
        var mine = await SeedAsync(A.Case(owner));
        var theirs = await SeedAsync(A.Case(other));
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("mine", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => Enqueue(sent, events));

        await ChangeAsync(theirs.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(theirs.Id, c => c.Receive(examiner, "東オンE26000002", Now));
        await ChangeAsync(mine.Id, c => c.Claim(examiner, Now)); // staff-only: who holds it
        await using (var db = database.CreateContext())
        {
            var note = (await db.Applications.SingleAsync(a => a.Id == mine.Id, Ct)).AddNote(examiner, "内部メモ", Now);
            db.InternalNotes.Add(note.Value!);
            await db.SaveChangesAsync(Ct);
        }

        Assert.True(await ReplayAsync(registry, "mine", 0));
        await DispatchAllAsync(registry, 0);

        await using var check = database.CreateContext();
        var types = await check.OutboxEvents.Where(e => sent.Contains(e.Id)).Select(e => new { e.Type, e.ApplicantId }).ToListAsync(Ct);
        Assert.Single(types); // its own submission only
        Assert.All(types, t => Assert.Equal((owner.Id, "case.submitted"), (t.ApplicantId!.Value, t.Type)));
    }

    [Fact]
    public async Task Messages_NameTheCaseByItsReferenceNumber_InBothApps()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000007", Now));

        await using var db = database.CreateContext();
        var events = await new EventFeed(db).AfterAsync(0, 1000, Ct);
        var applicant = events.Where(e => LiveMessages.ForApplicant(e, owner.Id)).Select(LiveMessages.ToApplicant).ToList();
        var staff = events.Select(LiveMessages.ToStaff).ToList();

        Assert.Equal(["case.submitted", "case.status-changed"], applicant.Select(m => m.Type));
        Assert.Equal(["case.submitted", "case.claimed", "case.status-changed"], staff.Select(m => m.Type));
        Assert.All(applicant.Concat(staff), m => Assert.Equal((application.Id, application.ReferenceNumber), (m.CaseId!.Value, m.ReferenceNumber)));
    }

    [Fact]
    public async Task Replay_AfterOldEventsWereDeleted_AsksTheClientToRefresh()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        var since = await LatestAsync();
        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000003", Now));
        await using (var db = database.CreateContext())
        {
            await new EventFeed(db).PruneAsync(DateTime.UtcNow.AddDays(1), DateTime.UtcNow, Ct);
        }

        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("late", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => Enqueue(sent, events));

        Assert.False(await ReplayAsync(registry, "late", since));
        Assert.Empty(sent);
        await ChangeAsync(application.Id, c => c.StartReview(examiner, Now));
        await DispatchAllAsync(registry, 0);
        Assert.Single(sent); // after the refresh it is live again
    }

    [Fact]
    public async Task LatestId_AfterPruningEmptiedTheOutbox_IsThePrunedMark_SoAPageStartingThereNeedsNoRefresh()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        var newest = await LatestAsync();
        await using (var db = database.CreateContext())
        {
            await new EventFeed(db).PruneAsync(DateTime.UtcNow.AddDays(1), DateTime.UtcNow, Ct);
            Assert.False(await db.OutboxEvents.AnyAsync(Ct));
        }

        var since = await LatestAsync(); // what a page rendered now starts from
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("page", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => Enqueue(sent, events));

        Assert.Equal(newest, since);
        Assert.True(await ReplayAsync(registry, "page", since));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000005", Now));
        await DispatchAllAsync(registry, since);
        Assert.Single(sent);
    }

    [Fact]
    public async Task Remove_WhileADispatchIsSendingToIt_TheOthersGetTheBatchOnce()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        var since = await LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var sent = new Dictionary<string, ConcurrentQueue<long>> { ["a"] = new(), ["b"] = new(), ["c"] = new() };
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = 0;
        registry.Add("a", _ => true, (events, _) => Enqueue(sent["a"], events));
        registry.Add("b", _ => true, async (events, _) =>
        {
            sending.TrySetResult();
            await gone.Task; // the browser went away mid-send
            throw new IOException("The connection was closed.");
        }, () => Interlocked.Increment(ref aborted));
        registry.Add("c", _ => true, (events, _) => Enqueue(sent["c"], events));
        foreach (var id in sent.Keys)
        {
            Assert.True(await ReplayAsync(registry, id, since));
        }

        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000006", Now));
        var dispatch = DispatchAllAsync(registry, since);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        registry.Remove("b");
        gone.SetResult();
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10), Ct); // completes, and does not throw
        await DispatchAllAsync(registry, since); // the dispatcher reading the same batch again sends nothing twice

        var batch = await EventsAfterAsync(since);
        Assert.Equal(batch, sent["a"]);
        Assert.Equal(batch, sent["c"]);
        Assert.Equal(1, aborted); // the failed one is closed, so its client reconnects and replays
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public async Task Remove_WhileItsReplayHoldsTheLockAndADispatchWaits_TheDispatchFinishesAndTheOthersGetTheBatchOnce()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        var since = await LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var others = new ConcurrentQueue<long>();
        var replaying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Add("other", _ => true, (events, _) => Enqueue(others, events));
        Assert.True(await ReplayAsync(registry, "other", since));
        registry.Add("late", _ => true, async (events, _) =>
        {
            replaying.TrySetResult();
            await gone.Task;
        });
        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));

        var replay = ReplayAsync(registry, "late", since); // holds "late"'s lock while it sends
        await replaying.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var dispatch = DispatchAllAsync(registry, since); // waits for that lock
        await Task.Delay(100, Ct);
        registry.Remove("late");
        gone.SetResult();
        await replay.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await DispatchAllAsync(registry, since);

        Assert.Equal(await EventsAfterAsync(since), others);
    }

    [Fact]
    public async Task TwoWritersAtOnce_EventIdsFollowCommitOrder()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var first = await SeedAsync(A.Case(owner));
        var second = await SeedAsync(A.Case(owner));
        var firstSaved = new TaskCompletionSource();
        long firstCommitted = 0, secondCommitted = 0;

        var slow = Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            Assert.True((await db.Applications.SingleAsync(a => a.Id == first.Id, Ct)).Claim(examiner, Now).Succeeded);
            await db.SaveChangesAsync(Ct);
            firstSaved.SetResult();
            await Task.Delay(400, Ct); // holds its transaction open
            await transaction.CommitAsync(Ct);
            firstCommitted = System.Diagnostics.Stopwatch.GetTimestamp();
        }, Ct);
        await firstSaved.Task;
        var fast = Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            Assert.True((await db.Applications.SingleAsync(a => a.Id == second.Id, Ct)).Claim(examiner, Now).Succeeded);
            await db.SaveChangesAsync(Ct);
            secondCommitted = System.Diagnostics.Stopwatch.GetTimestamp();
        }, Ct);
        await Task.WhenAll(slow, fast);

        await using var check = database.CreateContext();
        var claims = await check.OutboxEvents.Where(e => e.Type == "case.claimed").OrderBy(e => e.Id).Select(e => e.ApplicationId).ToListAsync(Ct);
        Assert.Equal([first.Id, second.Id], claims);
        Assert.True(secondCommitted > firstCommitted, "the second writer waited for the first to commit");
    }

    [Fact]
    public async Task Dispatcher_DeliversEachChangeAndResumesFromWhereItStopped()
    {
        var (owner, _, examiner) = await PeopleAsync();
        var application = await SeedAsync(A.Case(owner));
        var options = new LiveOptions { PollInterval = TimeSpan.FromMilliseconds(50), NotifySafetyInterval = TimeSpan.FromSeconds(1) };
        await using var services = Services();
        var registry = new LiveConnections(options);
        var sent = new ConcurrentQueue<long>();
        var arrived = new SemaphoreSlim(0);
        registry.Add("c1", e => LiveMessages.ForApplicant(e, owner.Id), async (events, token) => { await Enqueue(sent, events); arrived.Release(events.Count); });
        Assert.True(await ReplayAsync(registry, "c1", await LatestAsync()));
        var dispatcher = new EventDispatcher(services.GetRequiredService<IServiceScopeFactory>(), registry, options, database.Settings, "test-instance", TimeProvider.System, NullLogger<EventDispatcher>.Instance);

        await dispatcher.StartAsync(Ct);
        await dispatcher.Ready.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000004", Now));
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10), Ct), "the status change arrived");
        var latest = await LatestAsync();
        for (var i = 0; i < 100 && dispatcher.Position < latest; i++)
        {
            await Task.Delay(50, Ct);
        }

        await dispatcher.StopAsync(Ct);

        await using var db = database.CreateContext();
        Assert.Equal(await LatestAsync(), await new EventFeed(db).CursorAsync("test-instance", Ct));
        Assert.Single(sent);
    }

    private static readonly DateTime Now = DateTime.UtcNow;

    private async Task<(ApplicantUser Owner, ApplicantUser Other, Actor Examiner)> PeopleAsync()
    {
        var owner = A.Applicant().Build();
        var other = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, other, examiner);
        return (owner, other, examiner.ToActor());
    }

    private async Task<Application> SeedAsync(CaseBuilder builder)
    {
        var application = builder.Build();
        await database.SeedAsync(application);
        return application;
    }

    private async Task ChangeAsync(long id, Func<Application, Result> change)
    {
        await using var db = database.CreateContext();
        Assert.True(change(await db.Applications.SingleAsync(a => a.Id == id, Ct)).Succeeded);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<long> LatestAsync()
    {
        await using var db = database.CreateContext();
        return await new EventFeed(db).LatestIdAsync(Ct);
    }

    private async Task<IReadOnlyList<long>> EventsAfterAsync(long afterId)
    {
        await using var db = database.CreateContext();
        return [.. (await new EventFeed(db).AfterAsync(afterId, 1000, Ct)).Select(e => e.Id)];
    }

    private async Task<bool> ReplayAsync(LiveConnections registry, string connection, long afterId)
    {
        await using var db = database.CreateContext();
        return await registry.ReplayAsync(connection, afterId, new EventFeed(db), Ct);
    }

    private async Task DispatchAllAsync(LiveConnections registry, long afterId)
    {
        await using var db = database.CreateContext();
        await registry.DispatchAsync(await new EventFeed(db).AfterAsync(afterId, 1000, Ct), Ct);
    }

    private async Task<IReadOnlyList<ApplicationStatus>> StatusesAsync(IReadOnlyList<long> ids)
    {
        await using var db = database.CreateContext();
        var events = await db.OutboxEvents.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(Ct);
        return [.. events.Select(e => Enum.Parse<ApplicationStatus>(LiveMessages.ToApplicant(new LiveEvent(e.Id, e.Type, e.ApplicationId, e.ApplicantId, e.OfficeId, e.CreatedAt, e.Payload)).Status!))];
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddDbContext<RasensDbContext>(builder => RasensDataRegistration.Configure(builder, database.Settings));
        services.AddScoped<EventFeed>();
        return services.BuildServiceProvider();
    }

    private static Task Enqueue(ConcurrentQueue<long> sent, IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events)
        {
            sent.Enqueue(e.Id);
        }

        return Task.CompletedTask;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class LiveEventsTests_Sqlite() : LiveEventsTests(new SqliteTestDatabase());

public sealed class LiveEventsTests_Postgres() : LiveEventsTests(new PostgresTestDatabase());
