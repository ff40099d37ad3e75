namespace Rasens.Data.Applications;

/// <summary>The refusals the case rules can give. Codes are stable: pages translate them.</summary>
public static class CaseErrors
{
    public static Error NotOwner { get; } = new("case.not-owner", "Only the applicant who submitted this case can do that.");

    public static Error NotClaimable { get; } = new("case.not-claimable", "A case in a final status cannot be claimed.");

    public static Error NotHeld { get; } = new("case.not-held", "Nobody holds this case.");

    public static Error StaleVersion { get; } = new("case.stale", "Someone else changed this case while you were working on it. The current state is shown; please check it and try again.");

    public static Error NumberRequired { get; } = new("case.number-required", "A reception number is required to receive the case.");

    public static Error IllegalTransition(ApplicationStatus from, CaseAction action) =>
        new("case.illegal-transition", $"{action} is not possible while the case is {from}.");

    public static Error RoleNotPermitted(ActorRole role, CaseAction action) =>
        new("case.role-not-permitted", $"A user with the role {role} cannot {action}.");

    public static Error NotHolder(string? holderName) => holderName is null
        ? new("case.not-holder", "Claim the case before acting on it.")
        : new("case.not-holder", $"This case is held by {holderName}.");

    /// <summary>Claiming a case one holds already: nothing to take (<see cref="Application.Claim"/> treats it as done).</summary>
    public static Error AlreadyHolder { get; } = new("case.already-holder", "You already hold this case.");

    public static Error AlreadyTaken(string holderName) =>
        new("case.already-taken", $"This case is already taken by {holderName}.");

    public static Error ReasonRequired(CaseAction action) =>
        new("case.reason-required", $"{action} needs a reason the applicant can read.");

    public static Error StaffOnly { get; } = new("case.staff-only", "Only staff can do that.");

    public static Error NoteRequired { get; } = new("case.note-required", "Write the note before saving it.");

    public static Error NoteTooLong { get; } = new("case.note-too-long", "A note can be at most 4,000 characters.");

    public static Error NotFound { get; } = new("case.not-found", "There is no such case.");

    public static Error ItemsRequired { get; } = new("case.items-required", "List at least one item the applicant must correct.");

    public static Error ItemInvalid { get; } = new("case.item-invalid", "Each item needs a field, a document or the photo, and a message of up to 1,000 characters.");

    public static Error StaffNotFound { get; } = new("case.staff-not-found", "Choose an active examiner or supervisor.");

    public static Error NotSupervisor { get; } = new("case.not-supervisor", "Only a supervisor can assign or force-release cases.");
}
