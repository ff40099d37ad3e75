namespace Rasens.Data.Applications;

/// <summary>Who may perform a transition.</summary>
public enum TransitionParty
{
    /// <summary>The applicant who owns the case, and nobody else.</summary>
    Owner = 1,

    /// <summary>An examiner or supervisor who currently holds (has claimed or been assigned) the case.</summary>
    Holder = 2,
}

/// <summary>One legal move of the state machine.</summary>
public sealed record Transition(
    Workflow Workflow,
    ApplicationStatus From,
    CaseAction Action,
    ApplicationStatus To,
    TransitionParty Party,
    bool ReasonRequired);

/// <summary>
/// The one table of legal status changes (DOMAIN §7). Both apps ask it what to render
/// (<see cref="Allowed"/>) and the aggregate asks it again before changing anything.
/// </summary>
public static class StatusTransitions
{
    private static readonly Transition[] Table =
    [
        // Residence applications (002 §5.1, §5.2).
        new(Workflow.Application, ApplicationStatus.Pending, CaseAction.Receive, ApplicationStatus.ApplicationCompleted, TransitionParty.Holder, false),
        new(Workflow.Application, ApplicationStatus.Pending, CaseAction.Withdraw, ApplicationStatus.Withdrawn, TransitionParty.Owner, false),
        new(Workflow.Application, ApplicationStatus.ApplicationCompleted, CaseAction.StartReview, ApplicationStatus.UnderReview, TransitionParty.Holder, false),
        new(Workflow.Application, ApplicationStatus.ApplicationCompleted, CaseAction.Withdraw, ApplicationStatus.Withdrawn, TransitionParty.Owner, false),
        new(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.ReturnForCorrection, ApplicationStatus.InReturnProcess, TransitionParty.Holder, true),
        new(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.Approve, ApplicationStatus.AwaitingIssuance, TransitionParty.Holder, false),
        new(Workflow.Application, ApplicationStatus.UnderReview, CaseAction.Deny, ApplicationStatus.CompletedNotPermitted, TransitionParty.Holder, true),
        new(Workflow.Application, ApplicationStatus.InReturnProcess, CaseAction.Resubmit, ApplicationStatus.UnderReview, TransitionParty.Owner, false),
        new(Workflow.Application, ApplicationStatus.AwaitingIssuance, CaseAction.CompleteHandOver, ApplicationStatus.Completed, TransitionParty.Holder, false),

        // Notifications and requests for use (001 §4.2.2, §4.3).
        new(Workflow.Notification, ApplicationStatus.Pending, CaseAction.Receive, ApplicationStatus.ApplicationCompleted, TransitionParty.Holder, false),
        new(Workflow.Notification, ApplicationStatus.Pending, CaseAction.Withdraw, ApplicationStatus.Withdrawn, TransitionParty.Owner, false),
        new(Workflow.Notification, ApplicationStatus.ApplicationCompleted, CaseAction.Register, ApplicationStatus.Completed, TransitionParty.Holder, false),
        new(Workflow.Notification, ApplicationStatus.ApplicationCompleted, CaseAction.FlagRegistrationError, ApplicationStatus.RegistrationError, TransitionParty.Holder, true),
        new(Workflow.Notification, ApplicationStatus.RegistrationError, CaseAction.Resubmit, ApplicationStatus.ApplicationCompleted, TransitionParty.Owner, false),
    ];

    public static IReadOnlyList<Transition> All => Table;

    public static Transition? Find(Workflow workflow, ApplicationStatus from, CaseAction action) =>
        Array.Find(Table, t => t.Workflow == workflow && t.From == from && t.Action == action);

    /// <summary>The actions <paramref name="actor"/> may take on <paramref name="application"/> right now.</summary>
    public static IReadOnlyList<CaseAction> Allowed(Application application, Actor actor) =>
        [.. Table.Where(t => t.Workflow == application.Workflow && t.From == application.Status
                             && Authorize(application, t, actor) is null)
                 .Select(t => t.Action)];

    /// <summary>Checks status, role and assignment; returns why the move is refused, or null.</summary>
    public static Error? Check(Application application, CaseAction action, Actor actor, string? reason)
    {
        var transition = Find(application.Workflow, application.Status, action);
        if (transition is null)
        {
            return CaseErrors.IllegalTransition(application.Status, action);
        }

        if (Authorize(application, transition, actor) is { } refusal)
        {
            return refusal;
        }

        return transition.ReasonRequired && string.IsNullOrWhiteSpace(reason) ? CaseErrors.ReasonRequired(action) : null;
    }

    private static Error? Authorize(Application application, Transition transition, Actor actor) =>
        transition.Party switch
        {
            TransitionParty.Owner => actor.Role == ActorRole.Applicant && actor.Id == application.ApplicantId
                ? null
                : CaseErrors.NotOwner,
            TransitionParty.Holder => actor.Role is not (ActorRole.Examiner or ActorRole.Supervisor)
                ? CaseErrors.RoleNotPermitted(actor.Role, transition.Action)
                : application.AssigneeId != actor.Id
                    ? CaseErrors.NotHolder(application.AssigneeName)
                    : null,
        };
}
