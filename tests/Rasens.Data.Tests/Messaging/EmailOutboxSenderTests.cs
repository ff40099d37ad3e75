using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Messaging;
using Rasens.Testing;

namespace Rasens.Data.Tests.Messaging;

/// <summary>
/// The sender's state machine over a real database, both engines: with a transport that answers as told, and through
/// MailKit against the throwaway SMTP server (scripts/smtp-test-server.py), whose answer is chosen by the recipient:
/// accepted, 451, 421 (and close), 550; and against a closed port.
/// </summary>
public abstract class EmailOutboxSenderTests(TestDatabase database) : IAsyncLifetime
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private OutboxHarness Outbox => new(database, _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tests of a class share one database and run one after another: each starts with an empty outbox.</summary>
    public ValueTask InitializeAsync() => new(Outbox.ClearAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SendDue_DeferredTwice_RetriesAfterTheJitteredBackOffThenSendsOnce()
    {
        var transport = new ScriptedTransport(EmailAttemptOutcome.Deferred, EmailAttemptOutcome.Deferred);
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxAttempts = 5 };
        var sender = Outbox.Sender(transport, options);
        var id = await Outbox.QueueAsync();
        var expected = OutboxHarness.ExpectedDelays(options, 2);

        Assert.Equal(0, await sender.SendDueAsync(Ct));
        var afterFirst = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Deferred, afterFirst.State);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(_clock.UtcNow + expected[0], afterFirst.NextAttemptAt);
        Assert.InRange(afterFirst.NextAttemptAt - _clock.UtcNow, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Equal("451 4.3.0 try again", afterFirst.LastReply);

        Assert.Equal(0, await sender.SendDueAsync(Ct)); // not yet due
        Assert.Equal(1, (await Outbox.LoadAsync(id)).Attempts);
        _clock.Advance(expected[0]);
        Assert.Equal(0, await sender.SendDueAsync(Ct));
        var afterSecond = await Outbox.LoadAsync(id);
        Assert.Equal(_clock.UtcNow + expected[1], afterSecond.NextAttemptAt);
        Assert.InRange(afterSecond.NextAttemptAt - _clock.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));

        _clock.Advance(expected[1]);
        Assert.Equal(1, await sender.SendDueAsync(Ct));
        var sent = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Sent, sent.State);
        Assert.Equal(_clock.UtcNow, sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal("250 2.0.0 Ok: queued as TEST", sent.LastReply);
        Assert.Equal(3, sent.Attempts);
        Assert.Null(sent.LeasedUntil);
        Assert.Single(transport.Delivered, d => d == id);
        Assert.Equal(
            [(1, EmailAttemptOutcome.Deferred), (2, EmailAttemptOutcome.Deferred), (3, EmailAttemptOutcome.Accepted)],
            (await Outbox.AttemptsAsync(id)).Select(a => (a.Number, a.Outcome!.Value)));

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await sender.SendDueAsync(Ct));
    }

    [Fact]
    public async Task SendDue_JitterAtEitherEnd_WaitsHalfTheCeilingOrJustUnderIt()
    {
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxAttempts = 5 };
        var low = await Outbox.QueueAsync();
        await Outbox.Sender(new ScriptedTransport(EmailAttemptOutcome.Deferred), options, new FixedRandom(0)).SendDueAsync(Ct);
        var high = await Outbox.QueueAsync();
        await Outbox.Sender(new ScriptedTransport(EmailAttemptOutcome.Deferred), options, new FixedRandom(0.9999999)).SendDueAsync(Ct);

        Assert.Equal(_clock.UtcNow.AddSeconds(15), (await Outbox.LoadAsync(low)).NextAttemptAt);
        Assert.Equal(_clock.UtcNow.AddMilliseconds(29_999), (await Outbox.LoadAsync(high)).NextAttemptAt);
    }

    [Fact]
    public async Task SendDue_StillDeferredAfterMaxAttempts_MarksTheEmailFailed()
    {
        var sender = Outbox.Sender(new ScriptedTransport(Enumerable.Repeat(EmailAttemptOutcome.Deferred, 10).ToArray()), new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxAttempts = 3 });
        var id = await Outbox.QueueAsync();

        for (var i = 0; i < 5; i++)
        {
            await sender.SendDueAsync(Ct);
            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Failed, email.State);
        Assert.Equal(3, email.Attempts);
        Assert.NotNull(email.FailedAt);
        Assert.Null(email.SentAt);
        Assert.Equal(3, (await Outbox.AttemptsAsync(id)).Count);
    }

    [Fact]
    public async Task SendDue_Bounced_IsNeverRetried()
    {
        var transport = new ScriptedTransport(EmailAttemptOutcome.Bounced);
        var sender = Outbox.Sender(transport, new EmailOptions());
        var id = await Outbox.QueueAsync();

        await sender.SendDueAsync(Ct);
        _clock.Advance(TimeSpan.FromDays(3));
        await sender.SendDueAsync(Ct);

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Bounced, email.State);
        Assert.Equal(_clock.UtcNow - TimeSpan.FromDays(3), email.BouncedAt);
        Assert.Equal(1, email.Attempts);
        Assert.Equal("550 5.1.1 unknown", email.LastReply);
        Assert.Equal(1, transport.Calls);
    }

    [Fact]
    public async Task SendDue_TransportThrows_IsDeferredWithTheError()
    {
        var sender = Outbox.Sender(new ThrowingTransport(), new EmailOptions());
        var id = await Outbox.QueueAsync();

        await sender.SendDueAsync(Ct);

        var email = await Outbox.LoadAsync(id);
        Assert.Equal(EmailState.Deferred, email.State);
        Assert.Equal("disk on fire", email.LastError);
        Assert.Null(email.LastReply);
        Assert.Equal("disk on fire", Assert.Single(await Outbox.AttemptsAsync(id)).Reply);
    }

    [Fact]
    public async Task SendDue_SenderCrashedWhileSending_TheLeaseExpiresAndTheEmailIsSentAgainWithTheSameMessageId()
    {
        var id = await Outbox.QueueAsync();
        await using (var db = database.CreateContext())
        {
            // What a crashed instance leaves: the e-mail leased (sending), its attempt started and never finished.
            await db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, EmailState.Sending).SetProperty(e => e.Attempts, 1)
                .SetProperty(e => e.LeasedUntil, _clock.UtcNow.AddMinutes(2)).SetProperty(e => e.LeasedBy, "crashed"), Ct);
            db.EmailAttempts.Add(new EmailAttempt { EmailId = id, Number = 1, StartedAt = _clock.UtcNow, Instance = "crashed" });
            await db.SaveChangesAsync(Ct);
        }

        var transport = new ScriptedTransport();
        var sender = Outbox.Sender(transport, new EmailOptions());
        Assert.Equal(0, await sender.SendDueAsync(Ct)); // still leased
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await sender.SendDueAsync(Ct));

        Assert.Equal(EmailState.Sent, (await Outbox.LoadAsync(id)).State);
        var attempts = await Outbox.AttemptsAsync(id);
        Assert.Equal([(1, (EmailAttemptOutcome?)null), (2, EmailAttemptOutcome.Accepted)], attempts.Select(a => (a.Number, a.Outcome)));
        Assert.Null(attempts[0].FinishedAt);
        Assert.Equal([$"<outbox-{id}@rasens>"], transport.MessageIds);
    }

    [Fact]
    public async Task SendDue_AppStopsMidConversation_GivesTheEmailBackAtOnceWithoutUsingUpTheLastAttempt()
    {
        var id = await Outbox.QueueAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sender = Outbox.Sender(new HangingTransport(stopping), new EmailOptions { MaxAttempts = 1 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendDueAsync(stopping.Token));

        var email = await Outbox.LoadAsync(id);
        Assert.Equal((EmailState.Deferred, _clock.UtcNow, (DateTime?)null), (email.State, email.NextAttemptAt, email.LeasedUntil));
        var attempt = Assert.Single(await Outbox.AttemptsAsync(id));
        Assert.Equal((EmailAttemptOutcome.Deferred, "Interrupted: the app was stopping."), (attempt.Outcome!.Value, attempt.Reply));
    }

    [Fact]
    public async Task SendDue_TwoInstancesAtOnce_SendEachEmailExactlyOnce()
    {
        var transport = new ScriptedTransport(delay: TimeSpan.FromMilliseconds(5));
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await Outbox.QueueAsync(template: $"race-{i}"));
        }

        var first = Outbox.Sender(transport, new EmailOptions());
        var second = Outbox.Sender(transport, new EmailOptions());
        await Task.WhenAll(
            Task.Run(() => first.SendDueAsync(Ct), Ct),
            Task.Run(() => second.SendDueAsync(Ct), Ct));
        await first.SendDueAsync(Ct);

        foreach (var id in ids)
        {
            Assert.Single(transport.Delivered, d => d == id);
            Assert.Single(await Outbox.AttemptsAsync(id));
            Assert.Equal(EmailState.Sent, (await Outbox.LoadAsync(id)).State);
        }
    }

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

    /// <summary>Answers each call with the next outcome given, then accepts.</summary>
    private sealed class ScriptedTransport(params EmailAttemptOutcome[] outcomes) : IEmailTransport
    {
        private readonly TimeSpan _delay;
        private int _calls;

        public ScriptedTransport(TimeSpan delay)
            : this()
        {
            _delay = delay;
        }

        public ConcurrentBag<long> Delivered { get; } = [];

        public ConcurrentBag<string> MessageIds { get; } = [];

        public int Calls => _calls;

        public async Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken)
        {
            if (_delay > TimeSpan.Zero)
            {
                await Task.Delay(_delay, cancellationToken);
            }

            var call = Interlocked.Increment(ref _calls) - 1;
            var outcome = call < outcomes.Length ? outcomes[call] : EmailAttemptOutcome.Accepted;
            switch (outcome)
            {
                case EmailAttemptOutcome.Accepted:
                    Delivered.Add(email.Id);
                    using (var message = EmailMessages.Build(email, new EmailOptions(), attachment))
                    {
                        MessageIds.Add($"<{message.MessageId}>");
                    }

                    return EmailDelivery.Accepted("250 2.0.0 Ok: queued as TEST");
                case EmailAttemptOutcome.Deferred:
                    return EmailDelivery.Deferred("451 4.3.0 try again", fromServer: true);
                case EmailAttemptOutcome.Bounced:
                    return EmailDelivery.Bounced("550 5.1.1 unknown", fromServer: true);
            }

            throw new InvalidOperationException();
        }
    }

    /// <summary>Talks until the app stops (cancels), as a slow server would.</summary>
    private sealed class HangingTransport(CancellationTokenSource stopping) : IEmailTransport
    {
        public async Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken)
        {
            await stopping.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class ThrowingTransport : IEmailTransport
    {
        public Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");
    }
}

public sealed class EmailOutboxSenderTests_Sqlite(SqliteTestDatabase database) : EmailOutboxSenderTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class EmailOutboxSenderTests_Postgres(PostgresTestDatabase database) : EmailOutboxSenderTests(database), IClassFixture<PostgresTestDatabase>;
