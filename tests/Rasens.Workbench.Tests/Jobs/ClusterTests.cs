using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Rasens.Data.Jobs;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Jobs;

/// <summary>
/// Two Workbench instances on one PostgreSQL database share the clustered job store: every firing of a job runs on
/// exactly one of them, and both take part in the cluster.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private static readonly ConcurrentQueue<(string Instance, DateTimeOffset Scheduled)> Firings = new();
    private readonly WorkbenchOnPostgres _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TwoInstances_EachFiringRunsOnce()
    {
        await using var first = _app.WithWebHostBuilder(builder => Instance(builder, "first"));
        await using var second = _app.WithWebHostBuilder(builder => Instance(builder, "second"));
        first.CreateClient().Dispose();
        second.CreateClient().Dispose();

        await Task.Delay(TimeSpan.FromSeconds(12), Ct);
        var firings = Firings.ToArray();

        Assert.True(firings.Length >= 8, $"Only {firings.Length} firings in 12 s of a job that fires every second.");
        var twice = firings.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:O} on {string.Join(" and ", g.Select(f => f.Instance))}").ToList();
        Assert.True(twice.Count == 0, "Firings run more than once:\n" + string.Join("\n", twice));
        Assert.Equal(2, await ClusterMembersAsync());
    }

    private static void Instance(IWebHostBuilder builder, string name)
    {
        builder.UseSetting("Rasens:Live:InstanceName", "workbench-" + name);
        builder.UseSetting("Rasens:Jobs:ClusterCheckinInterval", "00:00:01");
        builder.ConfigureServices(services =>
        {
            // Quartz schedules by the app's clock; here it has to run as in production, not stand still as tests' clocks do.
            services.AddSingleton(TimeProvider.System);
            services.AddQuartz(quartz => quartz.ScheduleJob<ProbeJob>(
                trigger => trigger.WithIdentity("Probe").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever()),
                job => job.WithIdentity("Probe")));
        });
    }

    private async Task<long> ClusterMembersAsync()
    {
        await using var connection = new NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {RasensJobs.TablePrefix}scheduler_state WHERE sched_name = 'Rasens.Workbench'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records which instance ran which scheduled firing.</summary>
    [DisallowConcurrentExecution]
    public sealed class ProbeJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            Firings.Enqueue((context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
            return ValueTask.CompletedTask;
        }
    }
}
