using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data.Files;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Messaging;

/// <summary>A sender over a real database with the test's clock and a seeded random source, and the rows it writes.</summary>
internal sealed class OutboxHarness(TestDatabase database, TestClock clock)
{
    public const int Seed = 20261204;

    public EmailOutboxSender Sender(IEmailTransport transport, EmailOptions options, Random? random = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDbContext<RasensDbContext>(builder => RasensDataRegistration.Configure(builder, database.Settings));
        services.AddSingleton<IFileStore>(new LocalFileStore(Path.GetTempPath()));
        var provider = services.BuildServiceProvider();
        return new EmailOutboxSender(
            provider.GetRequiredService<IServiceScopeFactory>(), transport, options, new EmailRetrySchedule(options, random ?? new Random(Seed)), clock,
            NullLogger<EmailOutboxSender>.Instance);
    }

    public async Task<long> QueueAsync(string to = "applicant@example.test", string template = "test", long? applicationId = null)
    {
        await using var db = database.CreateContext();
        var email = new OutboxEmail
        {
            CreatedAt = clock.UtcNow,
            NextAttemptAt = clock.UtcNow,
            Template = template,
            To = to,
            Subject = "受付のお知らせ",
            Body = "申請を受け付けました。",
            ApplicationId = applicationId,
        };
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    }

    public async Task ClearAsync()
    {
        await using var db = database.CreateContext();
        await db.EmailAttempts.ExecuteDeleteAsync();
        await db.OutboxEmails.ExecuteDeleteAsync();
    }

    public async Task<OutboxEmail> LoadAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    public async Task<IReadOnlyList<EmailAttempt>> AttemptsAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.EmailAttempts.AsNoTracking().Where(a => a.EmailId == id).OrderBy(a => a.Number).ToListAsync();
    }

    /// <summary>The wait the sender must have chosen after each attempt: the same seeded sequence, the same formula.</summary>
    public static IReadOnlyList<TimeSpan> ExpectedDelays(EmailOptions options, int attempts)
    {
        var random = new Random(Seed);
        return [.. Enumerable.Range(1, attempts).Select(n =>
        {
            var ceiling = Math.Min(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, n - 1), options.RetryMaxDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(Math.Floor(ceiling * (0.5 + (0.5 * random.NextDouble()))));
        })];
    }
}

/// <summary>A random source that always returns one value, to put the jitter at an exact end of its range.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
