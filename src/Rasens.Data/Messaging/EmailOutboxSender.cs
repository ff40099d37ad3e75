using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rasens.Data.Files;

namespace Rasens.Data.Messaging;

/// <summary>
/// Sends queued e-mails (Messaging/README.md), called by <see cref="Jobs.EmailOutboxJob"/> every
/// <see cref="EmailOptions.PollInterval"/>. Any number of app instances may run it: each e-mail is leased with a
/// conditional update before it is sent (its state is then <see cref="EmailState.Sending"/>), so only one instance
/// sends it; every attempt is recorded; a deferral is retried after <see cref="EmailRetrySchedule"/>'s back-off
/// with jitter, a bounce never, and a deferral at the last allowed attempt marks the e-mail failed.
/// </summary>
public sealed class EmailOutboxSender(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    EmailOptions options,
    EmailRetrySchedule schedule,
    TimeProvider clock,
    ILogger<EmailOutboxSender> logger)
{
    /// <summary>How many due e-mails one call takes; the job calls again while a whole batch went out.</summary>
    public const int Batch = 20;

    private const int MaxError = 2000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _instance = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Sends what is due now; returns how many the server accepted. Also used by tests.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RasensDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await Due(db.OutboxEmails.AsNoTracking(), now)
            .OrderBy(e => e.NextAttemptAt)
            .ThenBy(e => e.Id)
            .Select(e => e.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            if (await LeaseAsync(db, id, cancellationToken) is not { } leased)
            {
                continue; // another instance has it
            }

            var (email, attempt) = leased;

            EmailDelivery delivery;
            try
            {
                delivery = await DeliverAsync(email, files, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The app is stopping mid-conversation: give the e-mail back at once rather than wait for the lease.
                await FinishAsync(db, email, attempt, EmailDelivery.Deferred("Interrupted: the app was stopping.", fromServer: false), retryNow: true);
                throw;
            }

            if (await FinishAsync(db, email, attempt, delivery, retryNow: false) == EmailState.Sent)
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Waiting and due, or leased by a sender whose lease ran out (it crashed or stopped while sending).</summary>
    private static IQueryable<OutboxEmail> Due(IQueryable<OutboxEmail> emails, DateTime now) =>
        emails.Where(e => (((e.State == EmailState.Queued || e.State == EmailState.Deferred) && e.NextAttemptAt <= now) || e.State == EmailState.Sending)
                          && (e.LeasedUntil == null || e.LeasedUntil < now));

    /// <summary>Takes the e-mail if it is still due (conditional update: one instance wins) and starts its attempt, in one transaction.</summary>
    private async Task<(OutboxEmail Email, EmailAttempt Attempt)?> LeaseAsync(RasensDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + Lease;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var leased = await Due(db.OutboxEmails.Where(e => e.Id == id), now).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.State, EmailState.Sending)
                .SetProperty(e => e.LeasedUntil, leaseUntil)
                .SetProperty(e => e.LeasedBy, _instance)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1),
            cancellationToken);
        if (leased != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var email = await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        var attempt = new EmailAttempt { EmailId = id, Number = email.Attempts, StartedAt = now, Instance = _instance };
        db.EmailAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (email, attempt);
    }

    private async Task<EmailDelivery> DeliverAsync(OutboxEmail email, IFileStore files, CancellationToken cancellationToken)
    {
        try
        {
            await using var attachment = email.AttachmentStoredName is { } stored ? await files.OpenReadAsync(stored, cancellationToken) : null;
            if (email.AttachmentStoredName is not null && attachment is null)
            {
                return EmailDelivery.Deferred($"The attachment {email.AttachmentFileName} is missing from the file store.", fromServer: false);
            }

            return await transport.SendAsync(email, attachment, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever the transport could not classify is on our side: deferred, and failed after the last attempt.
            logger.LogWarning(ex, "Sending e-mail {EmailId} threw", email.Id);
            return EmailDelivery.Deferred(ex.Message, fromServer: false);
        }
    }

    /// <summary>Records the attempt's outcome and moves the e-mail on, only if this instance still holds its lease.</summary>
    private async Task<EmailState> FinishAsync(RasensDbContext db, OutboxEmail email, EmailAttempt attempt, EmailDelivery delivery, bool retryNow)
    {
        var finished = clock.GetUtcNow().UtcDateTime;
        var state = delivery.Outcome switch
        {
            EmailAttemptOutcome.Accepted => EmailState.Sent,
            EmailAttemptOutcome.Bounced => EmailState.Bounced,
            // An attempt cut short by a stop is not the server's answer: it never uses up the last attempt.
            EmailAttemptOutcome.Deferred => !retryNow && email.Attempts >= options.MaxAttempts ? EmailState.Failed : EmailState.Deferred,
        };
        var next = state != EmailState.Deferred ? email.NextAttemptAt
            : retryNow ? finished
            : finished + schedule.DelayAfter(email.Attempts);
        var reply = delivery.FromServer ? EmailAttempt.Truncate(delivery.Detail, EmailAttempt.MaxReply) : null;
        var error = state == EmailState.Sent ? null : EmailAttempt.Truncate(delivery.Detail, MaxError);
        DateTime? sentAt = state == EmailState.Sent ? finished : null;
        DateTime? bouncedAt = state == EmailState.Bounced ? finished : null;
        DateTime? failedAt = state == EmailState.Failed ? finished : null;

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.EmailAttempts.Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(
            s => s.SetProperty(a => a.FinishedAt, finished)
                .SetProperty(a => a.Outcome, delivery.Outcome)
                .SetProperty(a => a.Reply, EmailAttempt.Truncate(delivery.Detail, EmailAttempt.MaxReply)),
            CancellationToken.None);
        // Only while the lease is ours: had it expired and another instance taken the e-mail, that one's outcome stands.
        var moved = await db.OutboxEmails.Where(e => e.Id == email.Id && e.State == EmailState.Sending && e.LeasedBy == _instance).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.State, state)
                .SetProperty(e => e.LeasedUntil, (DateTime?)null)
                .SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.LastReply, e => reply ?? e.LastReply)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.SentAt, sentAt)
                .SetProperty(e => e.BouncedAt, bouncedAt)
                .SetProperty(e => e.FailedAt, failedAt),
            CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        if (moved != 1)
        {
            logger.LogWarning("E-mail {EmailId}: the lease ran out during attempt {Attempt}; another sender has it", email.Id, attempt.Number);
            return EmailState.Sending;
        }

        switch (state)
        {
            case EmailState.Sent:
                logger.LogInformation("E-mail {EmailId} sent (attempt {Attempt}): {Reply}", email.Id, attempt.Number, delivery.Detail);
                break;
            case EmailState.Deferred:
                logger.LogWarning("E-mail {EmailId} deferred (attempt {Attempt}), next at {Next:o}: {Reply}", email.Id, attempt.Number, next, delivery.Detail);
                break;
            case EmailState.Bounced:
                logger.LogWarning("E-mail {EmailId} bounced (attempt {Attempt}), not retried: {Reply}", email.Id, attempt.Number, delivery.Detail);
                break;
            case EmailState.Failed:
                logger.LogError("E-mail {EmailId} failed after {Attempt} attempts, giving up: {Reply}", email.Id, attempt.Number, delivery.Detail);
                break;
            case EmailState.Queued or EmailState.Sending:
                break;
        }

        return state;
    }
}
