using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Rasens.Data.Events;
using Rasens.Data.Hosting;
using Rasens.Data.Jobs;
using Rasens.Testing;

namespace Rasens.Data.Tests.Jobs;

/// <summary>
/// The housekeeping job as the apps schedule it (AddRasensData), fired through the real scheduler on each engine:
/// on PostgreSQL that is the clustered ADO store on the tables of db/postgres/0008, validated by Quartz at start.
/// </summary>
public abstract class EventHousekeepingJobTests(TestDatabase database) : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("rasens-jobs-").FullName;

    public ValueTask InitializeAsync() => database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Firing_DeletesEventsOlderThanTheRetentionAndKeepsTheRest()
    {
        await database.SeedAsync(
            new OutboxEvent { CreatedAt = _clock.UtcNow.AddDays(-8), Type = "case.submitted" },
            new OutboxEvent { CreatedAt = _clock.UtcNow.AddDays(-1), Type = "case.submitted" });
        await using var provider = Services();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var key = new JobKey(RasensJobs.NameOf<EventHousekeepingJob>());

        await scheduler.Start(Ct);
        Assert.Equal("Rasens.Tests", scheduler.SchedulerName);
        Assert.NotNull(await scheduler.GetJobDetail(key, Ct));
        await scheduler.TriggerJob(key, Ct);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        int left;
        do
        {
            await Task.Delay(50, Ct);
            await using var db = database.CreateContext();
            left = await db.OutboxEvents.CountAsync(Ct);
        }
        while (left > 1 && DateTime.UtcNow < deadline);

        await scheduler.Shutdown(waitForJobsToComplete: true, Ct);
        await using var check = database.CreateContext();
        var kept = await check.OutboxEvents.SingleAsync(Ct);
        Assert.Equal(_clock.UtcNow.AddDays(-1), kept.CreatedAt);
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Rasens"] = database.ConnectionString,
            ["Rasens:DataFolder"] = _folder,
            // Only the firing the test asks for.
            ["Rasens:Jobs:EventHousekeeping"] = "1.00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRasensData(configuration, "Rasens.Tests");
        services.AddSingleton<TimeProvider>(_clock);
        return services.BuildServiceProvider();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class EventHousekeepingJobTests_Sqlite() : EventHousekeepingJobTests(new SqliteTestDatabase());

public sealed class EventHousekeepingJobTests_Postgres() : EventHousekeepingJobTests(new PostgresTestDatabase());
