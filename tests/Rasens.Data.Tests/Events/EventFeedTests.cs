using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>
/// The outbox of events read in commit order (EventFeed.cs) on a real database, both engines: ids follow commit order,
/// and the latest id survives pruning. Each test has a database of its own (event ids are global).
/// </summary>
public abstract class EventFeedTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task LatestId_AfterPruningEmptiedTheOutbox_IsThePrunedMark_SoAPageStartingThereNeedsNoRefresh()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        var newest = await Live.LatestAsync();
        await using (var db = database.CreateContext())
        {
            await new EventFeed(db).PruneAsync(DateTime.UtcNow.AddDays(1), DateTime.UtcNow, Ct);
            Assert.False(await db.OutboxEvents.AnyAsync(Ct));
        }

        var since = await Live.LatestAsync(); // what a page rendered now starts from
        var registry = new LiveConnections(new LiveOptions());
        var sent = new ConcurrentQueue<long>();
        registry.Add("page", e => LiveMessages.ForApplicant(e, owner.Id), (events, _) => LiveHarness.Enqueue(sent, events));

        Assert.Equal(newest, since);
        Assert.True(await Live.ReplayAsync(registry, "page", since));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000005", Now));
        await Live.DispatchAllAsync(registry, since);
        Assert.Single(sent);
    }

    [Fact]
    public async Task TwoWritersAtOnce_EventIdsFollowCommitOrder()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var first = await Live.SeedAsync(A.Case(owner));
        var second = await Live.SeedAsync(A.Case(owner));
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

    private static readonly DateTime Now = DateTime.UtcNow;

    private LiveHarness Live => new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class EventFeedTests_Sqlite() : EventFeedTests(new SqliteTestDatabase());

public sealed class EventFeedTests_Postgres() : EventFeedTests(new PostgresTestDatabase());
