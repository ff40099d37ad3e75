using Rasens.Data.Events;

namespace Rasens.Data.Applications;

/// <summary>
/// An application or notification: typed key columns for queues and searches, the form itself as a
/// payload. The aggregate owns its status: every change goes through one of the transition methods,
/// which ask <see cref="StatusTransitions"/> first and record who, when, from, to and why.
/// </summary>
public sealed class Application
{
    private readonly List<StatusHistoryEntry> _history = [];
    private readonly List<DomainEvent> _events = [];

    private Application()
    {
    }

    public long Id { get; private set; }

    /// <summary>Issued at submission; the applicant's handle on every procedure (001 §4.2.2).</summary>
    public string ReferenceNumber { get; private set; } = "";

    /// <summary>Residence applications: issued at submission, keys the change of method of receipt (002 §5.3).</summary>
    public string? TemporaryReceptionNumber { get; private set; }

    /// <summary>Residence applications: issued when the office receives the case (DOMAIN §9).</summary>
    public string? ReceptionNumber { get; private set; }

    /// <summary>Notifications: issued at submission and e-mailed (001 §4.2.2).</summary>
    public string? NotificationReceiptNumber { get; private set; }

    /// <summary>The key of the form entry this case came from: a resent Apply finds the case it already made.</summary>
    public Guid? SubmissionKey { get; private set; }

    public int ProcedureId { get; private set; }

    public Workflow Workflow { get; private set; }

    public ApplicationStatus Status { get; private set; }

    /// <summary>
    /// Where the case is in the office's work, derived from <see cref="Status"/> on every change and stored so
    /// queues (New, Overdue) read it from an index: the examiner's clock runs, waits for the applicant, or is done.
    /// </summary>
    public CaseStage Stage { get; private set; }

    /// <summary>When the working-day deadline of the procedure falls (see <see cref="CaseDeadlines"/>); none while waiting or done.</summary>
    public DateTime? DueAt { get; private set; }

    public Guid ApplicantId { get; private set; }

    public int OfficeId { get; private set; }

    /// <summary>The name as written on the form (capital Latin letters), for search and display.</summary>
    public string ApplicantName { get; private set; } = "";

    public string? ResidenceCardNumber { get; private set; }

    public string? Nationality { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>Status of residence the case is about (held or desired), code from the catalogue.</summary>
    public string? StatusOfResidenceCode { get; private set; }

    public SimultaneousApplications Simultaneous { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public DateTime? ReceivedAt { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public DateTime StatusChangedAt { get; private set; }

    /// <summary>Time spent waiting for the applicant, excluded from the working-day clock.</summary>
    public TimeSpan PausedDuration { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public DateTime? AssignedAt { get; private set; }

    /// <summary>Version of the procedure's form definition the payload was written with.</summary>
    public int FormVersion { get; private set; }

    /// <summary>The submitted form as JSON, rendered from the procedure definition.</summary>
    public string Payload { get; private set; } = "{}";

    /// <summary>How many times the applicant has resubmitted after a return or registration error.</summary>
    public int CorrectionRound { get; private set; }

    /// <summary>Optimistic concurrency token, maintained by the application on every save (both engines).</summary>
    public int Version { get; private set; }

    public IReadOnlyList<StatusHistoryEntry> History => _history;

    public IReadOnlyList<DomainEvent> Events => _events;

    /// <summary>Creates the case in <see cref="ApplicationStatus.Pending"/>; the submission is its first history entry.</summary>
    public static Application Submit(NewApplication input, Actor by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(by);
        if (by.Role != ActorRole.Applicant || by.Id != input.ApplicantId)
        {
            throw new InvalidOperationException("Only the applicant submits their own case.");
        }

        var application = new Application
        {
            ReferenceNumber = input.ReferenceNumber,
            SubmissionKey = input.SubmissionKey,
            TemporaryReceptionNumber = input.TemporaryReceptionNumber,
            NotificationReceiptNumber = input.NotificationReceiptNumber,
            ProcedureId = input.ProcedureId,
            Workflow = input.Workflow,
            Status = ApplicationStatus.Pending,
            Stage = CaseStage.Active,
            ApplicantId = input.ApplicantId,
            OfficeId = input.OfficeId,
            ApplicantName = input.ApplicantName,
            ResidenceCardNumber = input.ResidenceCardNumber,
            Nationality = input.Nationality,
            DateOfBirth = input.DateOfBirth,
            StatusOfResidenceCode = input.StatusOfResidenceCode,
            Simultaneous = input.Simultaneous,
            FormVersion = input.FormVersion,
            Payload = input.Payload,
            SubmittedAt = now,
            StatusChangedAt = now,
        };
        application._history.Add(new StatusHistoryEntry(null, ApplicationStatus.Pending, CaseAction.Submit, by, now, null));
        application._events.Add(new CaseSubmitted(application.ApplicantId, application.OfficeId, application.ReferenceNumber, application.ProcedureId));
        return application;
    }

    public IReadOnlyList<CaseAction> AllowedTransitions(Actor actor) => StatusTransitions.Allowed(this, actor);

    /// <summary>The office receives the case and gives it its reception number (residence applications).</summary>
    public Result Receive(Actor by, string? receptionNumber, DateTime now)
    {
        if (StatusTransitions.Check(this, CaseAction.Receive, by, null) is { } error)
        {
            return error;
        }

        if (Workflow == Workflow.Application)
        {
            if (string.IsNullOrWhiteSpace(receptionNumber))
            {
                return CaseErrors.NumberRequired;
            }

            ReceptionNumber = receptionNumber;
        }

        ReceivedAt = now;
        return Move(CaseAction.Receive, by, now, null);
    }

    public Result StartReview(Actor by, DateTime now) => Perform(CaseAction.StartReview, by, now, null);

    public Result ReturnForCorrection(Actor by, string reasons, DateTime now) =>
        Perform(CaseAction.ReturnForCorrection, by, now, reasons);

    public Result Resubmit(Actor by, string payload, DateTime now)
    {
        if (StatusTransitions.Check(this, CaseAction.Resubmit, by, null) is { } error)
        {
            return error;
        }

        Payload = payload;
        CorrectionRound++;
        return Move(CaseAction.Resubmit, by, now, null);
    }

    public Result Approve(Actor by, DateTime now, string? note = null) => Perform(CaseAction.Approve, by, now, note);

    public Result Deny(Actor by, string reasons, DateTime now) => Perform(CaseAction.Deny, by, now, reasons);

    public Result CompleteHandOver(Actor by, DateTime now) => Perform(CaseAction.CompleteHandOver, by, now, null);

    public Result Register(Actor by, DateTime now) => Perform(CaseAction.Register, by, now, null);

    public Result FlagRegistrationError(Actor by, string details, DateTime now) =>
        Perform(CaseAction.FlagRegistrationError, by, now, details);

    public Result Withdraw(Actor by, DateTime now, string? reason = null) => Perform(CaseAction.Withdraw, by, now, reason);

    /// <summary>
    /// Runs any action by name, for callers that dispatch on <see cref="CaseAction"/> (tests, bulk tools).
    /// Actions that need extra input take it from <paramref name="input"/>.
    /// </summary>
    public Result Apply(CaseAction action, Actor by, DateTime now, string? input = null) => action switch
    {
        CaseAction.Submit => CaseErrors.IllegalTransition(Status, action),
        CaseAction.Receive => Receive(by, input, now),
        CaseAction.StartReview => StartReview(by, now),
        CaseAction.ReturnForCorrection => ReturnForCorrection(by, input ?? "", now),
        CaseAction.Resubmit => Resubmit(by, input ?? Payload, now),
        CaseAction.Approve => Approve(by, now, input),
        CaseAction.Deny => Deny(by, input ?? "", now),
        CaseAction.CompleteHandOver => CompleteHandOver(by, now),
        CaseAction.Register => Register(by, now),
        CaseAction.FlagRegistrationError => FlagRegistrationError(by, input ?? "", now),
        CaseAction.Withdraw => Withdraw(by, now, input),
    };

    /// <summary>
    /// Whether <paramref name="by"/> may take the case now, or why not: an examiner or supervisor, a case not in a
    /// final status, held by nobody. Holding it already is <see cref="CaseErrors.AlreadyHolder"/>: there is nothing
    /// to take, so pages do not offer it, though <see cref="Claim"/> treats a repeated claim as done.
    /// </summary>
    public Error? ClaimRefusal(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return by.Role is not (ActorRole.Examiner or ActorRole.Supervisor) ? CaseErrors.RoleNotPermitted(by.Role, CaseAction.Receive)
            : Status.IsFinal() ? CaseErrors.NotClaimable
            : AssigneeId == by.Id ? CaseErrors.AlreadyHolder
            : AssigneeId is not null ? CaseErrors.AlreadyTaken(AssigneeName ?? "another examiner")
            : null;
    }

    /// <summary>Whether <paramref name="by"/> may let go of the case, or why not: its holder, or a supervisor (force-release).</summary>
    public Error? ReleaseRefusal(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return AssigneeId is not { } holder ? CaseErrors.NotHeld
            : holder == by.Id || by.Role == ActorRole.Supervisor ? null
            : by.Role == ActorRole.Examiner ? CaseErrors.NotHolder(AssigneeName)
            : CaseErrors.NotSupervisor;
    }

    /// <summary>Whether <paramref name="by"/> may give the case to someone (assign, reassign), or why not: a supervisor, a case not in a final status.</summary>
    public Error? AssignRefusal(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return by.Role != ActorRole.Supervisor ? CaseErrors.NotSupervisor
            : Status.IsFinal() ? CaseErrors.NotClaimable
            : null;
    }

    /// <summary>
    /// How the office sends this case back to the applicant: a residence application is returned for correction
    /// (002 §5.2), a notification gets a registration error (001 §4.3).
    /// </summary>
    public CaseAction CorrectionAction => Workflow switch
    {
        Workflow.Application => CaseAction.ReturnForCorrection,
        Workflow.Notification => CaseAction.FlagRegistrationError,
    };

    /// <summary>
    /// Whether sending the case back needs at least one itemised correction: a return does (the applicant must
    /// know what to fix), a registration error's details may stand alone.
    /// </summary>
    public bool CorrectionNeedsItems => CorrectionAction == CaseAction.ReturnForCorrection;

    /// <summary>An examiner or supervisor takes the case; only one holder at a time.</summary>
    public Result Claim(Actor by, DateTime now)
    {
        var refused = ClaimRefusal(by);
        if (refused == CaseErrors.AlreadyHolder)
        {
            return Result.Ok; // a repeated claim (a double click, a second tab) is already done
        }

        if (refused is not null)
        {
            return refused;
        }

        Hold(by.Id, by.Name, now);
        _events.Add(new CaseClaimed(ApplicantId, OfficeId, ReferenceNumber, by.Id, by.Name));
        return Result.Ok;
    }

    /// <summary>The holder lets go of the case; a supervisor may force-release anyone's.</summary>
    public Result Release(Actor by)
    {
        if (ReleaseRefusal(by) is { } refused)
        {
            return refused;
        }

        var holder = AssigneeId!.Value;
        AssigneeId = null;
        AssigneeName = null;
        AssignedAt = null;
        _events.Add(new CaseReleased(ApplicantId, OfficeId, ReferenceNumber, holder, by.Id, by.Name));
        return Result.Ok;
    }

    /// <summary>A supervisor gives the case to a member of staff (assign, reassign, bulk allocation).</summary>
    public Result Assign(Actor by, Guid staffId, string staffName, DateTime now)
    {
        if (AssignRefusal(by) is { } refused)
        {
            return refused;
        }

        var previous = AssigneeId;
        Hold(staffId, staffName, now);
        _events.Add(new CaseAssigned(ApplicantId, OfficeId, ReferenceNumber, previous, staffId, staffName, by.Id, by.Name));
        return Result.Ok;
    }

    public static CaseStage StageOf(ApplicationStatus status) =>
        status.IsFinal() ? CaseStage.Closed : status.IsWaitingForApplicant() ? CaseStage.Waiting : CaseStage.Active;

    /// <summary>Called by the persistence layer when the case is saved (the deadline depends on configuration).</summary>
    internal void SetDueAt(DateTime? due) => DueAt = due;

    /// <summary>
    /// Who may write a note, or why not: staff only and, like every other action on a case, an examiner only on the
    /// cases they hold (a supervisor on any).
    /// </summary>
    public Error? NoteRefusal(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return !by.IsStaff ? CaseErrors.StaffOnly
            : by.Role == ActorRole.Examiner && AssigneeId != by.Id ? CaseErrors.NotHolder(AssigneeName)
            : null;
    }

    /// <summary>A member of staff writes a note on the case (staff only; the applicant never sees it).</summary>
    public Result<InternalNote> AddNote(Actor by, string text, DateTime now)
    {
        if (NoteRefusal(by) is { } refused)
        {
            return refused;
        }

        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return CaseErrors.NoteRequired;
        }

        if (trimmed.Length > 4000)
        {
            return CaseErrors.NoteTooLong;
        }

        _events.Add(new CaseNoteAdded(ApplicantId, OfficeId, ReferenceNumber, by.Id, by.Name));
        return Result<InternalNote>.Success(new InternalNote { ApplicationId = Id, AuthorId = by.Id, AuthorName = by.Name, CreatedAt = now, Text = trimmed });
    }

    /// <summary>Called by the persistence layer after the events have been written to the outbox.</summary>
    internal void ClearEvents() => _events.Clear();

    internal void IncrementVersion() => Version++;

    private void Hold(Guid staffId, string staffName, DateTime now)
    {
        AssigneeId = staffId;
        AssigneeName = staffName;
        AssignedAt = now;
    }

    private Result Perform(CaseAction action, Actor by, DateTime now, string? reason)
    {
        if (StatusTransitions.Check(this, action, by, reason) is { } error)
        {
            return error;
        }

        return Move(action, by, now, reason);
    }

    private Result Move(CaseAction action, Actor by, DateTime now, string? reason)
    {
        var transition = StatusTransitions.Find(Workflow, Status, action)
                         ?? throw new InvalidOperationException("Checked transitions always exist.");
        var from = Status;
        if (from.IsWaitingForApplicant())
        {
            PausedDuration += now - StatusChangedAt;
        }

        Status = transition.To;
        Stage = StageOf(transition.To);
        StatusChangedAt = now;
        switch (transition.To)
        {
            case ApplicationStatus.AwaitingIssuance or ApplicationStatus.CompletedNotPermitted:
                DecidedAt = now;
                break;
            case ApplicationStatus.Completed when Workflow == Workflow.Notification:
                DecidedAt = now;
                break;
        }

        if (transition.To.IsFinal())
        {
            CompletedAt = now;
        }

        _history.Add(new StatusHistoryEntry(from, transition.To, action, by, now, reason));
        _events.Add(new CaseStatusChanged(ApplicantId, OfficeId, ReferenceNumber, from, transition.To, action, by.Id, by.Name));
        return Result.Ok;
    }
}

/// <summary>The examiner's side of a case: working on it, waiting for the applicant, or done.</summary>
public enum CaseStage
{
    Active = 1,
    Waiting = 2,
    Closed = 3,
}

/// <summary>Which simultaneous applications came with a residence application (002 §4.2.4).</summary>
[Flags]
public enum SimultaneousApplications
{
    None = 0,
    ReEntryPermit = 1,
    ActivityOtherThanPermitted = 2,
    AuthorizedEmployment = 4,
}

/// <summary>What the Portal supplies when an applicant submits.</summary>
public sealed record NewApplication(
    int ProcedureId,
    Workflow Workflow,
    Guid ApplicantId,
    int OfficeId,
    string ReferenceNumber,
    string ApplicantName,
    int FormVersion,
    string Payload)
{
    public string? TemporaryReceptionNumber { get; init; }

    public string? NotificationReceiptNumber { get; init; }

    public string? ResidenceCardNumber { get; init; }

    public string? Nationality { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? StatusOfResidenceCode { get; init; }

    public SimultaneousApplications Simultaneous { get; init; }

    public Guid? SubmissionKey { get; init; }
}
