namespace Rasens.Data.Applications;

/// <summary>
/// Processing status as the manuals name it (001 §5, 002 §5.1). Stored as text; the numbers are
/// explicit so that reordering the members can never change what a stored value means.
/// </summary>
public enum ApplicationStatus
{
    /// <summary>Submitted; not yet received by the office.</summary>
    Pending = 1,

    /// <summary>Received by the office (reception number assigned) / notification accepted for registration.</summary>
    ApplicationCompleted = 2,

    /// <summary>The application details are being examined.</summary>
    UnderReview = 3,

    /// <summary>Returned to the applicant for modification; the ageing clock pauses.</summary>
    InReturnProcess = 4,

    /// <summary>Examination finished; the applicant receives the card / certificate.</summary>
    AwaitingIssuance = 5,

    Completed = 6,

    CompletedNotPermitted = 7,

    /// <summary>Notification only: registration failed; the applicant corrects and resubmits.</summary>
    RegistrationError = 8,

    /// <summary>Withdrawn by the applicant before examination started.</summary>
    Withdrawn = 9,
}

/// <summary>Which of the two state machines a procedure's cases follow.</summary>
public enum Workflow
{
    /// <summary>Residence applications: Pending → Application Completed → Under Review → … (002 §5.1).</summary>
    Application = 1,

    /// <summary>Notifications and requests for use: Pending → Application Completed → Completed, or a registration error (001 §4.3).</summary>
    Notification = 2,
}

/// <summary>Everything that can be done to a case. Stored in the status history; never renumber.</summary>
public enum CaseAction
{
    /// <summary>The applicant submits; creates the case. Never a transition from an existing status.</summary>
    Submit = 1,
    Receive = 2,
    StartReview = 3,
    ReturnForCorrection = 4,
    Resubmit = 5,
    Approve = 6,
    Deny = 7,
    CompleteHandOver = 8,
    Register = 9,
    FlagRegistrationError = 10,
    Withdraw = 11,
}

public static class ApplicationStatusExtensions
{
    /// <summary>No further action can happen to a case in a final status.</summary>
    public static bool IsFinal(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Completed or ApplicationStatus.CompletedNotPermitted or ApplicationStatus.Withdrawn => true,
        ApplicationStatus.Pending or ApplicationStatus.ApplicationCompleted or ApplicationStatus.UnderReview
            or ApplicationStatus.InReturnProcess or ApplicationStatus.AwaitingIssuance
            or ApplicationStatus.RegistrationError => false,
    };

    /// <summary>While the applicant holds the case the examiner's working-day clock is paused.</summary>
    public static bool IsWaitingForApplicant(this ApplicationStatus status) =>
        status is ApplicationStatus.InReturnProcess or ApplicationStatus.RegistrationError;
}
