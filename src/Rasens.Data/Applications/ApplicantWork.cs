using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;

namespace Rasens.Data.Applications;

/// <summary>
/// What the applicant does to their own case from the Portal, held to the same rules as <see cref="CaseWork"/>
/// holds staff: each starts from the version of the case the applicant was looking at, runs in one transaction
/// with its history, audit entry and events, and a refusal (someone else's case, a case the office changed
/// meanwhile, a status that no longer allows it) changes nothing but is audited.
/// </summary>
public sealed class ApplicantWork(RasensDbContext db, TimeProvider clock)
{
    /// <summary>Withdrawal (while examination has not started), from the version the applicant confirmed it on.</summary>
    public Task<Result> WithdrawAsync(long id, int version, Actor applicant, string? remoteAddress = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, version, applicant, "case.withdraw", (c, now) => c.Withdraw(applicant, now), remoteAddress, cancellationToken);

    /// <summary>Loads the applicant's own case, checks the version they saw, changes it, audits, saves: all or nothing.</summary>
    private async Task<Result> ActAsync(
        long id, int version, Actor applicant, string action, Func<Application, DateTime, Result> change, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var now = clock.GetUtcNow().UtcDateTime;
        Error? refusal;
        Application? application;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Someone else's case is "not found", exactly like one that does not exist.
            application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id && a.ApplicantId == applicant.Id, cancellationToken);
            refusal = application is null ? CaseErrors.NotFound
                : application.Version != version ? CaseErrors.StaleVersion
                : change(application, now).Error;
            if (refusal is null)
            {
                db.Record(applicant, action, AuditOutcome.Succeeded, now, applicationId: id, remoteAddress: remoteAddress);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return Result.Ok;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // The office's change committed between our read and our write.
                    refusal = CaseErrors.StaleVersion;
                }
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        // Whatever the attempt changed is thrown away; only the refusal, and why, is recorded.
        db.ChangeTracker.Clear();
        db.Record(applicant, action, AuditOutcome.Refused, now, details: AuditJournal.RefusalDetails(refusal),
            applicationId: application is null ? null : id, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }
}
