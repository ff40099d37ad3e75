namespace Rasens.Data.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so they commit (or not) with the change they describe.</summary>
public static class AuditJournal
{
    public static AuditEntry Record(
        this RasensDbContext db,
        Actor actor,
        string action,
        AuditOutcome outcome,
        DateTime at,
        string? details = null,
        long? applicationId = null,
        string? remoteAddress = null)
    {
        var entry = AuditEntry.For(actor, action, outcome, at);
        entry.Details = details is { Length: > 4000 } ? details[..4000] : details;
        entry.ApplicationId = applicationId;
        entry.EntityType = applicationId is null ? null : "application";
        entry.EntityId = applicationId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        entry.RemoteAddress = remoteAddress;
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The details of a refused attempt: the refusal's code, then its message ("case.stale: …").</summary>
    public static string RefusalDetails(Error refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return $"{refusal.Code}: {refusal.Message}";
    }

    /// <summary>The refusal code at the start of details written by <see cref="RefusalDetails"/>.</summary>
    public static string RefusalCode(string? details) => (details ?? "").Split(':', 2)[0];
}
