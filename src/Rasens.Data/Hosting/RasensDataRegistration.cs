using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rasens.Data.Accounts;
using Rasens.Data.Files;
using Rasens.Data.Jobs;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Persistence;

namespace Rasens.Data.Hosting;

public static class RasensDataRegistration
{
    /// <summary>
    /// Everything both apps need from the shared core: database (provider from configuration), numbers,
    /// file store, e-mail outbox and its sender, the periodic jobs, data-protection keys and the /health check.
    /// Throws <see cref="StartupException"/> for configuration it cannot use.
    /// </summary>
    /// <param name="appJobs">The app's own periodic jobs (see <see cref="Jobs.RasensJobs"/>).</param>
    public static RasensOptions AddRasensData(
        this IServiceCollection services, IConfiguration configuration, string appName, Action<Quartz.IQuartzBuilder, IConfiguration>? appJobs = null)
    {
        var options = configuration.GetSection("Rasens").Get<RasensOptions>() ?? new RasensOptions();
        var dataFolder = new DataFolder(options.DataFolder);
        var database = DatabaseSettings.From(configuration, dataFolder.Root);
        var email = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();

        services.AddSingleton(options);
        services.AddSingleton(dataFolder);
        services.AddSingleton(database);
        services.AddSingleton(email);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<RasensDbContext>(builder => Configure(builder, database));
        services.AddScoped<NumberAllocator>();
        services.AddScoped<CaseNumbers>();
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<Mailer>();
        services.AddScoped<EmailLinks>();
        services.AddScoped<IdentityVerifications>();
        services.AddScoped<UsageRequests>();
        services.AddScoped<Applications.Submissions>();
        services.AddScoped<Applications.ApplicantCases>();
        services.AddScoped<Applications.Corrections>();
        services.AddScoped<Applications.Attachments>();
        services.AddScoped<Applications.CaseWork>();
        services.AddScoped<Applications.ApplicantWork>();
        services.AddScoped<Applications.CaseQueues>();
        services.AddSingleton<Applications.OverdueCount>();
        services.AddSingleton(new Applications.CaseDeadlines(configuration.GetSection("Rasens:Deadlines").Get<Applications.DeadlineOptions>()));
        services.AddScoped<Forms.SavedForms>();
        services.AddScoped<Forms.FormChecks>();
        services.AddScoped<Procedures.ProcedureSearch>();
        services.AddScoped<Procedures.Favourites>();
        services.AddSingleton(configuration.GetSection("PasswordPolicy").Get<PasswordPolicyOptions>() ?? new PasswordPolicyOptions());
        services.AddSingleton<IFileStore>(new LocalFileStore(dataFolder.Files));
        var live = configuration.GetSection("Rasens:Live").Get<Events.LiveOptions>() ?? new Events.LiveOptions();
        services.AddSingleton(live);
        services.AddSingleton<Events.LiveConnections>();
        services.AddScoped<Events.EventFeed>();
        var consumer = live.InstanceName ?? $"{appName}@{Environment.MachineName}";
        services.AddSingleton(sp => new Events.EventDispatcher(
            sp.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(), sp.GetRequiredService<Events.LiveConnections>(), live, database, consumer,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Events.EventDispatcher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Events.EventDispatcher>());
        services.AddSingleton<IEmailTransport>(string.IsNullOrWhiteSpace(email.SmtpHost)
            ? new PickupFolderTransport(email, email.PickupFolder ?? dataFolder.Mail)
            : new SmtpEmailTransport(email));
        services.AddSingleton(new EmailRetrySchedule(email, Random.Shared));
        services.AddScoped<EmailResends>();
        services.AddSingleton<EmailOutboxSender>();
        services.AddRasensJobs(configuration, database, email, appName, appJobs);
        services.AddDataProtection().SetApplicationName(appName).PersistKeysToFileSystem(new DirectoryInfo(dataFolder.Keys(appName)));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // Japanese and the other seven languages are written as text, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return options;
    }

    /// <summary>
    /// The applicant account workflows (<see cref="ApplicantAccounts"/>), for the app that holds applicant accounts:
    /// they need its Identity (<c>AddAccounts&lt;ApplicantUser, …&gt;</c>), which the Workbench does not have.
    /// </summary>
    public static IServiceCollection AddApplicantAccounts(this IServiceCollection services) => services.AddScoped<ApplicantAccounts>();

    public static void Configure(DbContextOptionsBuilder builder, DatabaseSettings database)
    {
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(database.ConnectionString).AddInterceptors(Persistence.SqliteBusyTimeout.Instance),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(database.ConnectionString),
        };
    }

    /// <summary>
    /// Runs before the app serves anything: proves the data folder is writable, applies schema scripts,
    /// seeds reference (and, if asked, demo) data. Environment problems become one clear sentence.
    /// </summary>
    public static async Task PrepareRasensDataAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<RasensOptions>();
        var database = services.GetRequiredService<DatabaseSettings>();
        services.GetRequiredService<DataFolder>().EnsureWritable();
        await using var scope = services.CreateAsyncScope();
        try
        {
            if (options.MigrateOnStartup)
            {
                await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
            }

            var db = scope.ServiceProvider.GetRequiredService<RasensDbContext>();
            await Seeding.ReferenceData.EnsureAsync(db, cancellationToken);
            if (options.SeedDemoData)
            {
                await Seeding.DemoData.EnsureAsync(scope.ServiceProvider, cancellationToken);
            }
        }
        catch (Exception ex) when (DatabaseCause(ex) is { } cause)
        {
            throw new StartupException($"Cannot use the {Describe(database)} database: {cause.Message.TrimEnd('.')}. Check Database:Provider and ConnectionStrings:Rasens.", ex);
        }
    }

    /// <summary>The database problem behind an exception, however deeply EF or the provider wrapped it.</summary>
    private static Exception? DatabaseCause(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is DbException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return current;
            }
        }

        return null;
    }

    private static string Describe(DatabaseSettings database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite";
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = database.ConnectionString };
        builder.TryGetValue("Host", out var host);
        builder.TryGetValue("Port", out var port);
        return $"PostgreSQL ({host}:{port ?? "5432"})";
    }
}

/// <summary>/health: 200 only when the database answers and its schema has been applied.</summary>
internal sealed class DatabaseHealthCheck(RasensDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var procedures = await db.Procedures.CountAsync(cancellationToken);
            return procedures > 0 ? HealthCheckResult.Healthy($"{procedures} procedures") : HealthCheckResult.Degraded("No reference data.");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
