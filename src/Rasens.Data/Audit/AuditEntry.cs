namespace Rasens.Data.Audit;

public enum AuditOutcome
{
    Succeeded = 1,
    Refused = 2,
}

/// <summary>One entry of the audit journal: every staff action and every sign-in attempt, refused ones too.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public ActorRole ActorRole { get; set; }

    public Guid? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>What was done, e.g. "case.return", "staff.sign-in".</summary>
    public string Action { get; set; } = "";

    public AuditOutcome Outcome { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>Related case, so a case page can show its journal.</summary>
    public long? ApplicationId { get; set; }

    public string? Details { get; set; }

    public string? RemoteAddress { get; set; }

    public static AuditEntry For(Actor actor, string action, AuditOutcome outcome, DateTime at) => new()
    {
        At = at,
        ActorRole = actor.Role,
        ActorId = actor.Id == Guid.Empty ? null : actor.Id,
        ActorName = actor.Name,
        Action = action,
        Outcome = outcome,
    };
}
