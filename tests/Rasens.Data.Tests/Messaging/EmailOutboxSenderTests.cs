using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data.Files;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Messaging;

public abstract class EmailOutboxSenderTests(TestDatabase database)
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task SendDue_TransportFailsTwice_RetriesWithGrowingDelayThenSendsOnce()
    {
        var transport = new FlakyTransport(failures: 2);
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxAttempts = 5 };
        var sender = Sender(transport, options);
        var id = await QueueAsync("retry");

        Assert.Equal(0, await sender.SendDueAsync(TestContext.Current.CancellationToken));
        var afterFirst = await LoadAsync(id);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(_clock.UtcNow.AddSeconds(30), afterFirst.NextAttemptAt);
        Assert.Contains("SMTP is down", afterFirst.LastError, StringComparison.Ordinal);

        Assert.Equal(0, await sender.SendDueAsync(TestContext.Current.CancellationToken)); // not yet due
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, await sender.SendDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_clock.UtcNow.AddSeconds(60), (await LoadAsync(id)).NextAttemptAt);

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await sender.SendDueAsync(TestContext.Current.CancellationToken));
        var sent = await LoadAsync(id);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal(3, sent.Attempts);
        Assert.Single(transport.Delivered, d => d == id);

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await sender.SendDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendDue_StillFailingAfterMaxAttempts_MarksTheEmailFailed()
    {
        var sender = Sender(new FlakyTransport(failures: int.MaxValue), new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxAttempts = 3 });
        var id = await QueueAsync("give-up");

        for (var i = 0; i < 5; i++)
        {
            await sender.SendDueAsync(TestContext.Current.CancellationToken);
            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        var email = await LoadAsync(id);
        Assert.Equal(3, email.Attempts);
        Assert.NotNull(email.FailedAt);
        Assert.Null(email.SentAt);
    }

    [Fact]
    public async Task SendDue_TwoInstancesAtOnce_SendEachEmailExactlyOnce()
    {
        var transport = new FlakyTransport(failures: 0, delay: TimeSpan.FromMilliseconds(5));
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await QueueAsync($"race-{i}"));
        }

        var first = Sender(transport, new EmailOptions());
        var second = Sender(transport, new EmailOptions());
        await Task.WhenAll(
            Task.Run(() => first.SendDueAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => second.SendDueAsync(TestContext.Current.CancellationToken)));
        await first.SendDueAsync(TestContext.Current.CancellationToken);

        foreach (var id in ids)
        {
            Assert.Single(transport.Delivered, d => d == id);
        }
    }

    [Fact]
    public async Task PickupFolder_WritesAnEmlFileWithTheMessage()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rasens-mail-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new SmtpEmailTransport(new EmailOptions(), folder);
            await transport.SendAsync(
                new OutboxEmail { Id = 7, To = "someone@example.test", Subject = "受付のお知らせ", Body = "申請を受け付けました。", Template = "receipt" },
                null,
                TestContext.Current.CancellationToken);

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.Contains("To: someone@example.test", text, StringComparison.Ordinal);
            Assert.Contains("Message-ID: <outbox-7@rasens>", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private EmailOutboxSender Sender(IEmailTransport transport, EmailOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDbContext<RasensDbContext>(builder => RasensDataRegistration.Configure(builder, database.Settings));
        services.AddSingleton<IFileStore>(new LocalFileStore(Path.GetTempPath()));
        var provider = services.BuildServiceProvider();
        return new EmailOutboxSender(provider.GetRequiredService<IServiceScopeFactory>(), transport, options, _clock, NullLogger<EmailOutboxSender>.Instance);
    }

    private async Task<long> QueueAsync(string template)
    {
        await using var db = database.CreateContext();
        var email = new OutboxEmail
        {
            CreatedAt = _clock.UtcNow,
            NextAttemptAt = _clock.UtcNow,
            Template = template,
            To = "applicant@example.test",
            Subject = "Subject",
            Body = "Body",
        };
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    }

    private async Task<OutboxEmail> LoadAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private sealed class FlakyTransport(int failures, TimeSpan delay = default) : IEmailTransport
    {
        private int _failuresLeft = failures;

        public ConcurrentBag<long> Delivered { get; } = [];

        public async Task SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new System.Net.Mail.SmtpException("SMTP is down");
            }

            Delivered.Add(email.Id);
        }
    }
}

public sealed class EmailOutboxSenderTests_Sqlite(SqliteTestDatabase database) : EmailOutboxSenderTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class EmailOutboxSenderTests_Postgres(PostgresTestDatabase database) : EmailOutboxSenderTests(database), IClassFixture<PostgresTestDatabase>;
