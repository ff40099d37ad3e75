using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;

namespace Rasens.Data.Applications;

/// <summary>
/// One attempt to change a case from the version the actor was looking at, as <see cref="CaseWork"/> (staff) and
/// <see cref="ApplicantWork"/> (the applicant) make it: in one transaction the case is loaded, refused when missing
/// or changed meanwhile, changed, audited and saved, all or nothing. A refusal (a commit by someone else between our
/// read and our write included) changes nothing but is audited.
/// </summary>
/// <param name="Find">The case the actor may act on: any other is "not found", exactly like one that does not exist.</param>
/// <param name="Version">The version of the case the actor saw.</param>
internal sealed record CaseChange(Expression<Func<Application, bool>> Find, int Version, Actor Actor, string Action, DateTime At)
{
    /// <summary>For the audit entry of a success (a refusal's entry gives the reason instead).</summary>
    public string? Details { get; init; }

    public string? RemoteAddress { get; init; }

    /// <param name="change">The change itself; its error, if any, is the refusal.</param>
    /// <param name="explain">Run after a refusal is rolled back, to name it better (e.g. who claimed the case first).</param>
    public async Task<Result> ApplyAsync(
        RasensDbContext db, Func<Application, Task<Result>> change, CancellationToken cancellationToken, Func<Error, Task<Error>>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        Error? refusal;
        Application? application;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            application = await db.Applications.SingleOrDefaultAsync(Find, cancellationToken);
            refusal = application is null ? CaseErrors.NotFound
                : application.Version != Version ? CaseErrors.StaleVersion
                : (await change(application)).Error;
            if (refusal is null)
            {
                db.Record(Actor, Action, AuditOutcome.Succeeded, At, details: Details, applicationId: application!.Id, remoteAddress: RemoteAddress);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return Result.Ok;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone else's change committed between our read and our write.
                    refusal = CaseErrors.StaleVersion;
                }
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        if (explain is not null)
        {
            refusal = await explain(refusal);
        }

        return await RefuseAsync(db, Actor, Action, application?.Id, refusal, At, RemoteAddress, cancellationToken);
    }

    /// <summary>Throws away whatever the attempt changed and records only that it was refused, and why.</summary>
    public static async Task<Result> RefuseAsync(
        RasensDbContext db, Actor actor, string action, long? applicationId, Error refusal, DateTime at, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        db.Record(actor, action, AuditOutcome.Refused, at, details: AuditJournal.RefusalDetails(refusal), applicationId: applicationId, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }
}
