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
    private Task<Result> ActAsync(
        long id, int version, Actor applicant, string action, Func<Application, DateTime, Result> change, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var now = clock.GetUtcNow().UtcDateTime;
        // Someone else's case is "not found", exactly like one that does not exist.
        var attempt = new CaseChange(a => a.Id == id && a.ApplicantId == applicant.Id, version, applicant, action, now) { RemoteAddress = remoteAddress };
        return attempt.ApplyAsync(db, c => Task.FromResult(change(c, now)), cancellationToken);
    }
}
