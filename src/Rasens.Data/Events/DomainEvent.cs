using Rasens.Data.Applications;

namespace Rasens.Data.Events;

/// <summary>
/// Something that happened to a case, raised by the aggregate and written to the event outbox in the
/// same transaction as the change (see Events/README.md). <see cref="ApplicantId"/> and
/// <see cref="OfficeId"/> decide who may receive it; <see cref="ReferenceNumber"/> is how both apps name the case
/// to their users (the internal id is no name for a person).
/// </summary>
public abstract record DomainEvent(Guid ApplicantId, int OfficeId, string ReferenceNumber)
{
    /// <summary>The name stored in the outbox; stable, never the CLR type name.</summary>
    public abstract string Type { get; }
}

public sealed record CaseSubmitted(Guid ApplicantId, int OfficeId, string ReferenceNumber, int ProcedureId) : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.submitted";
}

/// <summary>A status change; <see cref="ActorId"/> and <see cref="ActorName"/> say who made it (staff pages warn others).</summary>
public sealed record CaseStatusChanged(Guid ApplicantId, int OfficeId, string ReferenceNumber, ApplicationStatus From, ApplicationStatus To, CaseAction Action, Guid ActorId, string ActorName)
    : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.status-changed";
}

public sealed record CaseClaimed(Guid ApplicantId, int OfficeId, string ReferenceNumber, Guid StaffId, string StaffName) : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.claimed";
}

public sealed record CaseReleased(Guid ApplicantId, int OfficeId, string ReferenceNumber, Guid PreviousHolderId, Guid ReleasedById, string ReleasedByName) : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.released";
}

public sealed record CaseAssigned(Guid ApplicantId, int OfficeId, string ReferenceNumber, Guid? PreviousHolderId, Guid StaffId, string StaffName, Guid AssignedById, string AssignedByName)
    : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.assigned";
}

/// <summary>An internal note was added (staff only: never routed to the Portal).</summary>
public sealed record CaseNoteAdded(Guid ApplicantId, int OfficeId, string ReferenceNumber, Guid AuthorId, string AuthorName) : DomainEvent(ApplicantId, OfficeId, ReferenceNumber)
{
    public override string Type => "case.note-added";
}
