using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Rasens.Data.Jobs;

namespace Rasens.Data.Tests.Jobs;

/// <summary>The one base of every job, run by a real Quartz scheduler (RAM store): it logs, times and contains failures.</summary>
public sealed class RasensJobTests
{
    [Fact]
    public async Task Execute_JobThrows_FailureIsLoggedAndTheNextFiringRunsAsUsual()
    {
        var runs = new Runs([new InvalidOperationException("first run fails"), 3]);
        await using var provider = Scheduled<FlakyJob>(runs);
        var scheduler = await StartAsync(provider);

        var logs = provider.GetRequiredService<Logs>();
        await logs.WaitForAsync(2);

        Assert.Equal(SchedulerStatus.Running, await scheduler.GetStatus(Ct));
        var failure = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Flaky failed after", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Job Flaky handled 3 in ", StringComparison.Ordinal));
        await scheduler.Shutdown(waitForJobsToComplete: true, Ct);
    }

    [Fact]
    public async Task Execute_NothingToDo_LogsOnlyAtDebug()
    {
        var runs = new Runs([0]);
        await using var provider = Scheduled<FlakyJob>(runs);
        var scheduler = await StartAsync(provider);

        var logs = provider.GetRequiredService<Logs>();
        await logs.WaitForAsync(1);
        await scheduler.Shutdown(waitForJobsToComplete: true, Ct);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Message.StartsWith("Job Flaky had nothing to do", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Information && e.Category.EndsWith(nameof(FlakyJob), StringComparison.Ordinal));
    }

    [Fact]
    public void NameOf_IsTheClassNameWithoutJob() =>
        Assert.Equal(["Flaky", "EventHousekeeping"], [RasensJobs.NameOf<FlakyJob>(), RasensJobs.NameOf<EventHousekeepingJob>()]);

    [Fact]
    public void EveryJobOfTheSharedCore_DerivesFromTheBaseJob()
    {
        var jobs = typeof(RasensJob).Assembly.GetTypes().Where(t => typeof(IJob).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.NotEmpty(jobs);
        Assert.All(jobs, job => Assert.True(job.IsSubclassOf(typeof(RasensJob)), $"{job.Name} does not derive from RasensJob."));
    }

    private static ServiceProvider Scheduled<TJob>(Runs runs)
        where TJob : RasensJob
    {
        var services = new ServiceCollection();
        var logs = new Logs();
        services.AddSingleton(logs);
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSingleton(runs);
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = "rasens-job-tests-" + Guid.NewGuid().ToString("N"));
            quartz.UseInMemoryStore();
            quartz.ScheduleJob<TJob>(
                trigger => trigger.StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(100)).WithRepeatCount(runs.Count - 1)),
                job => job.WithIdentity(RasensJobs.NameOf<TJob>()));
        });
        return services.BuildServiceProvider();
    }

    private static async Task<IScheduler> StartAsync(IServiceProvider provider)
    {
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await scheduler.Start(Ct);
        return scheduler;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What each run of the job does in turn: return a count, or throw.</summary>
    public sealed class Runs(object[] outcomes)
    {
        private int _next = -1;

        public int Count => outcomes.Length;

        public object Next() => outcomes[Math.Min(Interlocked.Increment(ref _next), outcomes.Length - 1)];
    }

    public sealed class FlakyJob(Runs runs, ILogger<FlakyJob> logger) : RasensJob(logger)
    {
        protected override Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var outcome = runs.Next();
            return outcome is Exception exception ? Task.FromException<int>(exception) : Task.FromResult((int)outcome);
        }
    }

    public sealed class Logs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        /// <summary>Waits until <paramref name="count"/> entries of the job's own category were written.</summary>
        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Entries.Count(e => e.Category.EndsWith(nameof(FlakyJob), StringComparison.Ordinal)) < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The job logged fewer than {count} runs in 20 s.");
                await Task.Delay(20, Ct);
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Logs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}
