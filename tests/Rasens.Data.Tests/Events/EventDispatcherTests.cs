using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>The dispatcher (EventDispatcher.cs) on a real database, both engines: it delivers each change and resumes from its cursor.</summary>
public abstract class EventDispatcherTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Dispatcher_DeliversEachChangeAndResumesFromWhereItStopped()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        var options = new LiveOptions { PollInterval = TimeSpan.FromMilliseconds(50), NotifySafetyInterval = TimeSpan.FromSeconds(1) };
        await using var services = Live.Services();
        var registry = new LiveConnections(options);
        var sent = new ConcurrentQueue<long>();
        var arrived = new SemaphoreSlim(0);
        registry.Add("c1", e => LiveMessages.ForApplicant(e, owner.Id), async (events, token) => { await LiveHarness.Enqueue(sent, events); arrived.Release(events.Count); });
        Assert.True(await Live.ReplayAsync(registry, "c1", await Live.LatestAsync()));
        var dispatcher = new EventDispatcher(services.GetRequiredService<IServiceScopeFactory>(), registry, options, database.Settings, "test-instance", TimeProvider.System, NullLogger<EventDispatcher>.Instance);

        await dispatcher.StartAsync(Ct);
        await dispatcher.Ready.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000004", Now));
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10), Ct), "the status change arrived");
        var latest = await Live.LatestAsync();
        for (var i = 0; i < 100 && dispatcher.Position < latest; i++)
        {
            await Task.Delay(50, Ct);
        }

        await dispatcher.StopAsync(Ct);

        await using var db = database.CreateContext();
        Assert.Equal(await Live.LatestAsync(), await new EventFeed(db).CursorAsync("test-instance", Ct));
        Assert.Single(sent);
    }

    private static readonly DateTime Now = DateTime.UtcNow;

    private LiveHarness Live => new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class EventDispatcherTests_Sqlite() : EventDispatcherTests(new SqliteTestDatabase());

public sealed class EventDispatcherTests_Postgres() : EventDispatcherTests(new PostgresTestDatabase());
