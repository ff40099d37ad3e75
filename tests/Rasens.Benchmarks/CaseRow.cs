using Rasens.Data.Applications;

namespace Rasens.Benchmarks;

/// <summary>
/// One row of <c>applications</c>, read off an <see cref="Application"/> the generator drove through the real state
/// machine. The bulk writers store exactly these columns; <see cref="Columns"/> is checked against the live table.
/// </summary>
internal sealed record CaseRow(
    string ReferenceNumber,
    string? TemporaryReceptionNumber,
    string? ReceptionNumber,
    string? NotificationReceiptNumber,
    Guid? SubmissionKey,
    int ProcedureId,
    Workflow Workflow,
    ApplicationStatus Status,
    CaseStage Stage,
    DateTime? DueAt,
    Guid ApplicantId,
    int OfficeId,
    string ApplicantName,
    string? ResidenceCardNumber,
    string? Nationality,
    DateOnly? DateOfBirth,
    string? StatusOfResidenceCode,
    SimultaneousApplications Simultaneous,
    DateTime SubmittedAt,
    DateTime? ReceivedAt,
    DateTime? DecidedAt,
    DateTime? CompletedAt,
    DateTime StatusChangedAt,
    TimeSpan PausedDuration,
    Guid? AssigneeId,
    string? AssigneeName,
    DateTime? AssignedAt,
    int FormVersion,
    string Payload,
    int CorrectionRound,
    int Version)
{
    /// <summary>Every column but the generated id, in the order the writers send them.</summary>
    public static readonly string[] Columns =
    [
        "reference_number", "temporary_reception_number", "reception_number", "notification_receipt_number", "submission_key",
        "procedure_id", "workflow", "status", "stage", "due_at", "applicant_id", "office_id", "applicant_name", "residence_card_number",
        "nationality", "date_of_birth", "status_of_residence_code", "simultaneous", "submitted_at", "received_at", "decided_at",
        "completed_at", "status_changed_at", "paused_duration", "assignee_id", "assignee_name", "assigned_at", "form_version", "payload",
        "correction_round", "version",
    ];

    /// <summary>The row as saved after <paramref name="saves"/> saves (each save bumps the version, as the context does).</summary>
    public static CaseRow Of(Application a, DateTime? dueAt, int saves) => new(
        a.ReferenceNumber, a.TemporaryReceptionNumber, a.ReceptionNumber, a.NotificationReceiptNumber, a.SubmissionKey,
        a.ProcedureId, a.Workflow, a.Status, a.Stage, dueAt, a.ApplicantId, a.OfficeId, a.ApplicantName, a.ResidenceCardNumber,
        a.Nationality, a.DateOfBirth, a.StatusOfResidenceCode, a.Simultaneous, a.SubmittedAt, a.ReceivedAt, a.DecidedAt,
        a.CompletedAt, a.StatusChangedAt, a.PausedDuration, a.AssigneeId, a.AssigneeName, a.AssignedAt, a.FormVersion, a.Payload,
        a.CorrectionRound, saves);
}
