using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rasens.Data.Files;

namespace Rasens.Data.Messaging;

/// <summary>
/// Sends queued e-mails. Any number of app instances may run it: each e-mail is leased with a
/// conditional update before it is sent, so only one instance sends it; failures are retried with
/// exponential back-off and given up (marked failed, for a person) after <see cref="EmailOptions.MaxAttempts"/>.
/// </summary>
public sealed class EmailOutboxSender(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    EmailOptions options,
    TimeProvider clock,
    ILogger<EmailOutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _instance = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Sends what is due now; returns how many were sent. Also used by tests.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RasensDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.SentAt == null && e.FailedAt == null && e.NextAttemptAt <= now && (e.LeasedUntil == null || e.LeasedUntil < now))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .Take(20)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            var leaseUntil = now + Lease;
            var leased = await db.OutboxEmails
                .Where(e => e.Id == id && e.SentAt == null && e.FailedAt == null && (e.LeasedUntil == null || e.LeasedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeasedUntil, leaseUntil).SetProperty(e => e.LeasedBy, _instance), cancellationToken);
            if (leased != 1)
            {
                continue; // another instance has it
            }

            var email = await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
            try
            {
                await using var attachment = email.AttachmentStoredName is { } stored ? await files.OpenReadAsync(stored, cancellationToken) : null;
                await transport.SendAsync(email, attachment, cancellationToken);
                await db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.SentAt, clock.GetUtcNow().UtcDateTime)
                        .SetProperty(e => e.Attempts, email.Attempts + 1)
                        .SetProperty(e => e.LeasedUntil, (DateTime?)null)
                        .SetProperty(e => e.LastError, (string?)null),
                    cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = email.Attempts + 1;
                var giveUp = attempts >= options.MaxAttempts;
                var delay = TimeSpan.FromTicks(Math.Min(options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 16)), TimeSpan.FromHours(1).Ticks));
                var failedAt = giveUp ? clock.GetUtcNow().UtcDateTime : (DateTime?)null;
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                logger.LogWarning(ex, "Sending e-mail {EmailId} failed (attempt {Attempt}); {Next}", id, attempts, giveUp ? "giving up" : $"retrying in {delay}");
                await db.OutboxEmails.Where(e => e.Id == id).ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.Attempts, attempts)
                        .SetProperty(e => e.NextAttemptAt, now + delay)
                        .SetProperty(e => e.LeasedUntil, (DateTime?)null)
                        .SetProperty(e => e.LastError, error)
                        .SetProperty(e => e.FailedAt, failedAt),
                    CancellationToken.None);
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The e-mail outbox could not be read; trying again shortly");
            }

            try
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
