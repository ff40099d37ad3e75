namespace Rasens.Data.Applications;

/// <summary>One status change: who, when, from, to and why. Written with the change, never edited.</summary>
public sealed class StatusHistoryEntry
{
    private StatusHistoryEntry()
    {
    }

    internal StatusHistoryEntry(ApplicationStatus? from, ApplicationStatus to, CaseAction action, Actor by, DateTime at, string? reason)
    {
        FromStatus = from;
        ToStatus = to;
        Action = action;
        ActorRole = by.Role;
        ActorId = by.Id;
        ActorName = by.Name;
        At = at;
        Reason = reason;
    }

    public long Id { get; private set; }

    public long ApplicationId { get; private set; }

    public ApplicationStatus? FromStatus { get; private set; }

    public ApplicationStatus ToStatus { get; private set; }

    public CaseAction Action { get; private set; }

    public ActorRole ActorRole { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public DateTime At { get; private set; }

    public string? Reason { get; private set; }
}
