using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>
/// The live connections of one app instance (LiveConnections.cs) on a real database, both engines: each connection sent
/// each event once and in order whether by replay or dispatch, nothing for other applicants, a refresh after a gap, and
/// a connection removed mid-send. Each test has a database of its own (event ids are global).
/// </summary>
public abstract class LiveConnectionsTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task ReplayThenDispatch_EachEventOnceInOrder_WhicheverPathSendsIt()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        var since = await Live.LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("c1", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => LiveHarness.Enqueue(sent, events));

        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000001", Now));
        await Live.ChangeAsync(application.Id, c => c.StartReview(examiner, Now));
        await Live.DispatchAllAsync(registry, since); // before the client caught up: nothing live
        Assert.Empty(sent);
        Assert.True(await Live.ReplayAsync(registry, "c1", since));
        await Live.DispatchAllAsync(registry, since); // the same events again through the live path: not resent
        await Live.ChangeAsync(application.Id, c => c.ReturnForCorrection(examiner, "補正", Now));
        await Live.DispatchAllAsync(registry, since);
        Assert.True(await Live.ReplayAsync(registry, "c1", since)); // a second replay from the start: nothing twice

        var statuses = await Live.StatusesAsync([.. sent]);
        Assert.Equal([ApplicationStatus.ApplicationCompleted, ApplicationStatus.UnderReview, ApplicationStatus.InReturnProcess], statuses);
        Assert.Equal(sent.Order(), sent);
    }

    [Fact]
    public async Task ApplicantsConnection_NeverHearsOfOthersCasesOrStaffOnlyEvents()
    {
        var (owner, other, examiner) = await Live.PeopleAsync();
        var mine = await Live.SeedAsync(A.Case(owner));
        var theirs = await Live.SeedAsync(A.Case(other));
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("mine", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => LiveHarness.Enqueue(sent, events));

        await Live.ChangeAsync(theirs.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(theirs.Id, c => c.Receive(examiner, "東オンE26000002", Now));
        await Live.ChangeAsync(mine.Id, c => c.Claim(examiner, Now)); // staff-only: who holds it
        await using (var db = database.CreateContext())
        {
            var note = (await db.Applications.SingleAsync(a => a.Id == mine.Id, Ct)).AddNote(examiner, "内部メモ", Now);
            db.InternalNotes.Add(note.Value!);
            await db.SaveChangesAsync(Ct);
        }

        Assert.True(await Live.ReplayAsync(registry, "mine", 0));
        await Live.DispatchAllAsync(registry, 0);

        await using var check = database.CreateContext();
        var types = await check.OutboxEvents.Where(e => sent.Contains(e.Id)).Select(e => new { e.Type, e.ApplicantId }).ToListAsync(Ct);
        Assert.Single(types); // its own submission only
        Assert.All(types, t => Assert.Equal((owner.Id, "case.submitted"), (t.ApplicantId!.Value, t.Type)));
    }

    [Fact]
    public async Task Replay_AfterOldEventsWereDeleted_AsksTheClientToRefresh()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        var since = await Live.LatestAsync();
        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000003", Now));
        await using (var db = database.CreateContext())
        {
            await new EventFeed(db).PruneAsync(DateTime.UtcNow.AddDays(1), DateTime.UtcNow, Ct);
        }

        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("late", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => LiveHarness.Enqueue(sent, events));

        Assert.False(await Live.ReplayAsync(registry, "late", since));
        Assert.Empty(sent);
        await Live.ChangeAsync(application.Id, c => c.StartReview(examiner, Now));
        await Live.DispatchAllAsync(registry, 0);
        Assert.Single(sent); // after the refresh it is live again
    }

    [Fact]
    public async Task Remove_WhileADispatchIsSendingToIt_TheOthersGetTheBatchOnce()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        var since = await Live.LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var sent = new Dictionary<string, ConcurrentQueue<long>> { ["a"] = new(), ["b"] = new(), ["c"] = new() };
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = 0;
        registry.Add("a", _ => true, (events, _) => LiveHarness.Enqueue(sent["a"], events));
        registry.Add("b", _ => true, async (events, _) =>
        {
            sending.TrySetResult();
            await gone.Task; // the browser went away mid-send
            throw new IOException("The connection was closed.");
        }, () => Interlocked.Increment(ref aborted));
        registry.Add("c", _ => true, (events, _) => LiveHarness.Enqueue(sent["c"], events));
        foreach (var id in sent.Keys)
        {
            Assert.True(await Live.ReplayAsync(registry, id, since));
        }

        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000006", Now));
        var dispatch = Live.DispatchAllAsync(registry, since);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        registry.Remove("b");
        gone.SetResult();
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10), Ct); // completes, and does not throw
        await Live.DispatchAllAsync(registry, since); // the dispatcher reading the same batch again sends nothing twice

        var batch = await Live.EventsAfterAsync(since);
        Assert.Equal(batch, sent["a"]);
        Assert.Equal(batch, sent["c"]);
        Assert.Equal(1, aborted); // the failed one is closed, so its client reconnects and replays
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public async Task Remove_WhileItsReplayHoldsTheLockAndADispatchWaits_TheDispatchFinishesAndTheOthersGetTheBatchOnce()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        var since = await Live.LatestAsync();
        var registry = new LiveConnections(new LiveOptions());
        var others = new ConcurrentQueue<long>();
        var replaying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Add("other", _ => true, (events, _) => LiveHarness.Enqueue(others, events));
        Assert.True(await Live.ReplayAsync(registry, "other", since));
        registry.Add("late", _ => true, async (events, _) =>
        {
            replaying.TrySetResult();
            await gone.Task;
        });
        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));

        var replay = Live.ReplayAsync(registry, "late", since); // holds "late"'s lock while it sends
        await replaying.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var dispatch = Live.DispatchAllAsync(registry, since); // waits for that lock
        await Task.Delay(100, Ct);
        registry.Remove("late");
        gone.SetResult();
        await replay.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Live.DispatchAllAsync(registry, since);

        Assert.Equal(await Live.EventsAfterAsync(since), others);
    }

    private static readonly DateTime Now = DateTime.UtcNow;

    private LiveHarness Live => new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class LiveConnectionsTests_Sqlite() : LiveConnectionsTests(new SqliteTestDatabase());

public sealed class LiveConnectionsTests_Postgres() : LiveConnectionsTests(new PostgresTestDatabase());
