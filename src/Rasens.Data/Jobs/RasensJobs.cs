using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Rasens.Data.Hosting;

namespace Rasens.Data.Jobs;

/// <summary>
/// The periodic jobs of an app, on Quartz (Jobs/README.md): one scheduler per app, named after it. On SQLite the
/// jobs live in memory (one machine; every job is safe to run in several instances at once). On PostgreSQL they
/// live in the clustered ADO job store (schema <c>quartz</c>, made by db/postgres/0008_quartz_job_store.sql), so
/// the instances of an app share its triggers and each firing runs on exactly one of them.
/// </summary>
public static class RasensJobs
{
    /// <summary>Quartz's tables, in a schema of their own so that they stay apart from the model's.</summary>
    public const string Schema = "quartz";

    public const string TablePrefix = Schema + ".qrtz_";

    /// <param name="appJobs">The app's own jobs, scheduled with <see cref="Every{TJob}"/>.</param>
    public static IServiceCollection AddRasensJobs(
        this IServiceCollection services, IConfiguration configuration, DatabaseSettings database, Messaging.EmailOptions email, string appName,
        Action<IQuartzBuilder, IConfiguration>? appJobs = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(email);
        var settings = configuration.GetSection("Rasens:Jobs");
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = appName;
                scheduler.GenerateInstanceId = true;
            });
            _ = database.Provider switch
            {
                DatabaseProvider.Sqlite => quartz.UseInMemoryStore(),
                DatabaseProvider.PostgreSql => quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = settings.GetValue("ClusterCheckinInterval", TimeSpan.FromSeconds(7.5));
                        cluster.CheckinMisfireThreshold = cluster.CheckinInterval * 2;
                    });
                    store.ConfigureStore(options =>
                    {
                        options.TablePrefix = TablePrefix;
                        // The versioned script makes the tables; Quartz only checks at start-up that they are what it expects.
                        options.SchemaProvisioning = SchemaProvisioning.Validate;
                    });
                }),
            };

            quartz.Every<EmailOutboxJob>(settings, email.PollInterval);
            quartz.Every<EventHousekeepingJob>(settings, TimeSpan.FromHours(1));
            appJobs?.Invoke(quartz, settings);
        });
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            // Jobs start once the app serves: never before the schema scripts have run.
            options.AwaitApplicationStarted = true;
        });
        return services;
    }

    /// <summary>
    /// Runs <typeparamref name="TJob"/> every <paramref name="interval"/> (or the interval configured as
    /// <c>Rasens:Jobs:&lt;job name&gt;</c>, e.g. <c>Rasens:Jobs:EventHousekeeping=00:30:00</c>), starting now. A firing
    /// missed while every instance was down runs once when one is back, not once per missed firing.
    /// </summary>
    public static IQuartzBuilder Every<TJob>(this IQuartzBuilder quartz, IConfiguration settings, TimeSpan interval)
        where TJob : RasensJob
    {
        ArgumentNullException.ThrowIfNull(quartz);
        var name = NameOf<TJob>();
        var every = settings?.GetValue(name, interval) ?? interval;
        return quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(name).StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
            job => job.WithIdentity(name));
    }

    /// <summary>A job's name in the store and in configuration: its class name without "Job".</summary>
    public static string NameOf<TJob>() => typeof(TJob).Name.EndsWith("Job", StringComparison.Ordinal) ? typeof(TJob).Name[..^3] : typeof(TJob).Name;
}
