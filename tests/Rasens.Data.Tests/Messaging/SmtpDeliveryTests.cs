using System.Net;
using System.Net.Sockets;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Messaging;

/// <summary>
/// The sender through MailKit against the throwaway SMTP server (scripts/smtp-test-server.py), whose answer is chosen
/// by the recipient: accepted, 451, 421 (and close), 550; and against a closed port. Real database, both engines.
/// </summary>
public abstract class SmtpDeliveryTests(TestDatabase database) : IAsyncLifetime
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private OutboxHarness Outbox => new(database, _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tests of a class share one database and run one after another: each starts with an empty outbox.</summary>
    public ValueTask InitializeAsync() => new(Outbox.ClearAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static EmailOptions Smtp(int maxAttempts = 5)
    {
        var (host, port) = SmtpServer.Address;
        return new EmailOptions { SmtpHost = host, SmtpPort = port, SmtpSecurity = SmtpSecurityMode.None, MaxAttempts = maxAttempts, RetryBaseDelay = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public async Task SendDue_ServerAccepts_IsSentWithTheServersReply()
    {
        var marker = Guid.NewGuid().ToString("N");
        var id = await Outbox.QueueAsync($"{marker}@example.test");

        Assert.Equal(1, await Outbox.Sender(new SmtpEmailTransport(Smtp()), Smtp()).SendDueAsync(Ct));

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Sent, email.State);
        Assert.Matches("^250 2.0.0 Ok: queued as [0-9A-F]{12}$", email.LastReply);
        var attempt = Assert.Single(await Outbox.AttemptsAsync(id));
        Assert.Equal((1, EmailAttemptOutcome.Accepted, email.LastReply), (attempt.Number, attempt.Outcome!.Value, attempt.Reply));
        Assert.Equal(_clock.UtcNow, attempt.FinishedAt);
        var queueId = email.LastReply![^12..];
        Assert.Contains($"X-Rasens-Queue-Id: {queueId}", await SmtpServer.WaitForAsync(marker), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("defer-451", "451 4.3.0")]
    [InlineData("close-421", "421 4.3.2")]
    public async Task SendDue_TemporaryRefusal_IsDeferredWithTheJitteredBackOff_AndSentOnceTheServerTakesIt(string kind, string reply)
    {
        var id = await Outbox.QueueAsync($"{kind}-once-{Guid.NewGuid():N}@example.test");
        var sender = Outbox.Sender(new SmtpEmailTransport(Smtp()), Smtp());
        var expected = OutboxHarness.ExpectedDelays(Smtp(), 1)[0];

        Assert.Equal(0, await sender.SendDueAsync(Ct));

        var deferred = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Deferred, deferred.State);
        Assert.StartsWith(reply, deferred.LastReply, StringComparison.Ordinal);
        Assert.Equal(_clock.UtcNow + expected, deferred.NextAttemptAt);
        Assert.InRange(expected, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(29_999));
        _clock.Advance(expected - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await sender.SendDueAsync(Ct)); // a millisecond early: not yet
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await sender.SendDueAsync(Ct));

        var sent = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Sent, sent.State);
        Assert.StartsWith("250 2.0.0 Ok: queued as ", sent.LastReply, StringComparison.Ordinal);
        var attempts = await Outbox.AttemptsAsync(id);
        Assert.Equal([EmailAttemptOutcome.Deferred, EmailAttemptOutcome.Accepted], attempts.Select(a => a.Outcome!.Value));
        Assert.StartsWith(reply, attempts[0].Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendDue_550UnknownMailbox_IsBouncedAndNotRetriedWhenTheClockMoves()
    {
        var id = await Outbox.QueueAsync($"bounce-550-{Guid.NewGuid():N}@example.test");
        var sender = Outbox.Sender(new SmtpEmailTransport(Smtp()), Smtp());

        await sender.SendDueAsync(Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        await sender.SendDueAsync(Ct);

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Bounced, email.State);
        Assert.StartsWith("550 5.1.1", email.LastReply, StringComparison.Ordinal);
        Assert.Contains("User unknown", email.LastReply, StringComparison.Ordinal);
        Assert.NotNull(email.BouncedAt);
        Assert.Equal(1, email.Attempts);
        Assert.Equal(EmailAttemptOutcome.Bounced, Assert.Single(await Outbox.AttemptsAsync(id)).Outcome);
    }

    [Fact]
    public async Task SendDue_451EveryTime_FailsAfterTheLastAttempt()
    {
        var id = await Outbox.QueueAsync($"defer-451-{Guid.NewGuid():N}@example.test");
        var sender = Outbox.Sender(new SmtpEmailTransport(Smtp(maxAttempts: 3)), Smtp(maxAttempts: 3));

        for (var i = 0; i < 4; i++)
        {
            await sender.SendDueAsync(Ct);
            _clock.Advance(TimeSpan.FromHours(1));
        }

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Failed, email.State);
        Assert.Equal(3, email.Attempts);
        Assert.NotNull(email.FailedAt);
        Assert.StartsWith("451 4.3.0", email.LastError, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], (await Outbox.AttemptsAsync(id)).Select(a => a.Number));
        Assert.All(await Outbox.AttemptsAsync(id), a => Assert.Equal(EmailAttemptOutcome.Deferred, a.Outcome));
    }

    [Fact]
    public async Task SendDue_ConnectionRefused_IsDeferredWithTheErrorAndNoServerReply()
    {
        var options = Smtp();
        options.SmtpPort = ClosedPort();
        var id = await Outbox.QueueAsync();

        await Outbox.Sender(new SmtpEmailTransport(options), options).SendDueAsync(Ct);

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Deferred, email.State);
        Assert.Null(email.LastReply);
        Assert.Contains("refused", email.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(_clock.UtcNow + OutboxHarness.ExpectedDelays(options, 1)[0], email.NextAttemptAt);
        var attempt = Assert.Single(await Outbox.AttemptsAsync(id));
        Assert.Equal(EmailAttemptOutcome.Deferred, attempt.Outcome);
        Assert.Contains("refused", attempt.Reply, StringComparison.OrdinalIgnoreCase);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public sealed class SmtpDeliveryTests_Sqlite(SqliteTestDatabase database) : SmtpDeliveryTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class SmtpDeliveryTests_Postgres(PostgresTestDatabase database) : SmtpDeliveryTests(database), IClassFixture<PostgresTestDatabase>;

/// <summary>The throwaway SMTP server ./test.sh (scripts/test-services.sh) starts, and the Maildir it delivers into.</summary>
internal static class SmtpServer
{
    public static (string Host, int Port) Address
    {
        get
        {
            var server = Environment.GetEnvironmentVariable("RASENS_TEST_SMTP")
                         ?? throw new InvalidOperationException("Set RASENS_TEST_SMTP (host:port) and RASENS_TEST_MAILDIR, or run ./test.sh.");
            var (host, port) = (server.Split(':')[0], server.Split(':')[1]);
            return (host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The raw message (as delivered) whose text contains <paramref name="marker"/>, waiting up to 5 s.</summary>
    public static async Task<string> WaitForAsync(string marker)
    {
        var maildir = Environment.GetEnvironmentVariable("RASENS_TEST_MAILDIR")
                      ?? throw new InvalidOperationException("Set RASENS_TEST_MAILDIR, or run ./test.sh.");
        for (var i = 0; i < 50; i++)
        {
            var found = Directory.EnumerateFiles(Path.Combine(maildir, "new"))
                .Select(f => File.ReadAllText(f))
                .FirstOrDefault(text => text.Contains(marker, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No message containing {marker} arrived.");
    }
}
