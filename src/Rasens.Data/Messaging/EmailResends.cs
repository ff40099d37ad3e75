using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;

namespace Rasens.Data.Messaging;

/// <summary>
/// A supervisor resends a bounced or failed case e-mail to a corrected address (issue 11). The resend is a new
/// outbox row linked to the original (<see cref="OutboxEmail.ResendOf"/>), queued in one transaction with the audit
/// entry (before and after address) and the original's mark (<see cref="OutboxEmail.ResentAs"/>), so it is resent
/// once. Who may, and in which state, is the e-mail's own rule (<see cref="OutboxEmail.ResendRefusal"/>); every
/// refusal is audited and changes nothing else.
/// </summary>
public sealed class EmailResends(RasensDbContext db, TimeProvider clock)
{
    public const string AuditAction = "email.resend";

    /// <param name="applicationId">The case the e-mail belongs to: an e-mail of another case is not found.</param>
    public async Task<Result<OutboxEmail>> ResendAsync(long applicationId, long emailId, Actor staff, string to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = clock.GetUtcNow().UtcDateTime;
        Error? refusal;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var original = await db.OutboxEmails.SingleOrDefaultAsync(e => e.Id == emailId && e.ApplicationId == applicationId, cancellationToken);
            var resend = original is null ? EmailErrors.NotFound : original.Resend(staff, to, now);
            refusal = resend.Error;
            if (resend.Value is { } copy)
            {
                try
                {
                    db.OutboxEmails.Add(copy);
                    await db.SaveChangesAsync(cancellationToken);
                    original!.ResentAs = copy.Id;
                    db.Record(staff, AuditAction, AuditOutcome.Succeeded, now, details: $"#{original.Id} {original.To} → #{copy.Id} {copy.To}", applicationId: applicationId);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return Result<OutboxEmail>.Success(copy);
                }
                catch (DbUpdateException)
                {
                    // Another supervisor's resend of the same e-mail committed first (resend_of is unique).
                    refusal = EmailErrors.AlreadyResent;
                }
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        db.Record(staff, AuditAction, AuditOutcome.Refused, now, details: $"{AuditJournal.RefusalDetails(refusal!)} (#{emailId} → {Shown(to)})", applicationId: applicationId);
        await db.SaveChangesAsync(cancellationToken);
        return refusal!;
    }

    private static string Shown(string? typed) => typed is null ? "" : typed.Length > 100 ? typed[..100] + "…" : typed.Trim();
}
