using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Cases;

/// <summary>
/// The case page (issue 5): the applicant, every submitted field labelled in Japanese and English from the
/// procedure's form, simultaneous applications, photo and files, status timeline, audit journal, internal notes,
/// related cases, and the actions the state machine allows this member of staff now. The actions are in
/// Details.Actions.cs.
/// </summary>
public sealed partial class DetailsModel(
    RasensDbContext db, CaseWork work, CaseQueues queues, CaseDeadlines deadlines, Rasens.Data.Files.IFileStore files, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public Application Case { get; private set; } = null!;

    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public string OfficeName { get; private set; } = "";

    public ApplicantUser? Applicant { get; private set; }

    /// <summary>Each submitted section with its rows' labels in Japanese and in English.</summary>
    public IReadOnlyList<(string TitleJa, string TitleEn, IReadOnlyList<(string LabelJa, string LabelEn, string Value)> Rows)> Sections { get; private set; } = [];

    public IReadOnlyList<Attachment> Files { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Journal { get; private set; } = [];

    public IReadOnlyList<InternalNote> Notes { get; private set; } = [];

    public IReadOnlyList<CorrectionRequest> Corrections { get; private set; } = [];

    public IReadOnlyList<QueueRow> Related { get; private set; } = [];

    public IReadOnlyList<StaffUser> Staff { get; private set; } = [];

    public IReadOnlyList<CaseAction> Allowed { get; private set; } = [];

    public Ageing Ageing { get; private set; }

    public Actor Me { get; private set; } = null!;

    /// <summary>What the last action did, or why it was refused, in the user's language.</summary>
    public string? Done { get; private set; }

    public string? Refusal { get; private set; }

    /// <summary>The case answers who may claim, release, assign and note it; CaseWork asks it the same when acting.</summary>
    public bool CanClaim => Case.ClaimRefusal(Me) is null;

    public bool CanRelease => Case.ReleaseRefusal(Me) is null;

    public bool CanNote => Case.NoteRefusal(Me) is null;

    public bool CanAssign => Case.AssignRefusal(Me) is null;

    /// <summary>The facial photo shown beside the applicant's details.</summary>
    public Attachment? Photo => Attachment.CurrentPhoto(Files);

    public bool HoldsIt => Case.AssigneeId == Me.Id;

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Done = done is not null && text["Done_" + done] is { ResourceNotFound: false } message ? message.Value : null;
        // Opening a case is recorded: who looked at whose personal data, and when.
        db.Record(Me, "case.view", AuditOutcome.Succeeded, clock.GetUtcNow().UtcDateTime, applicationId: id, remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    /// <summary>One of the case's files, shown in the browser (photo, PDF) or, with download=true, saved.</summary>
    /// <summary>What an audit entry records, in the user's language (the code itself is shown beside it for auditors).</summary>
    public string JournalAction(Rasens.Data.Audit.AuditEntry entry) =>
        text["Audit_" + entry?.Action] is { ResourceNotFound: false } known ? known : entry?.Action ?? "";

    /// <summary>Why an attempt was refused: stored as "code: message"; the code's text in the user's language when there is one.</summary>
    public string JournalReason(Rasens.Data.Audit.AuditEntry entry) =>
        text["Error_" + Rasens.Data.Audit.AuditJournal.RefusalCode(entry?.Details)] is { ResourceNotFound: false } known ? known : entry?.Details ?? "";

    public async Task<IActionResult> OnGetFileAsync(long id, Guid file, bool download, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == file && a.ApplicationId == id, cancellationToken);
        if (attachment is null || await files.OpenReadAsync(attachment.StoredName, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        // The photo shown on the case page is part of viewing the case (already recorded); any other opening is recorded.
        if (download || attachment.Kind != AttachmentKind.FacialPhoto)
        {
            db.Record(User.ToActor(), download ? "case.file-download" : "case.file-view", AuditOutcome.Succeeded, clock.GetUtcNow().UtcDateTime,
                details: attachment.OriginalFileName, applicationId: id);
            await db.SaveChangesAsync(cancellationToken);
        }
        var name = Attachments.SafeFileName(attachment.OriginalFileName);
        if (download)
        {
            return File(content, attachment.ContentType, name);
        }

        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = name }.ToString();
        return File(content, attachment.ContentType);
    }

    public string FileLink(Attachment file, bool download = false) =>
        $"/Cases/{Case.Id}?handler=File&file={file.Id}{(download ? "&download=true" : "")}";

    /// <summary>What a correction item is about, in the user's language.</summary>
    public string ItemLabel(CorrectionItem item) => item?.Label(FormDefinitions.For(Procedure.Kind), CultureInfo.CurrentUICulture) ?? "";

    /// <summary>The handler of an action that is one button and nothing else to fill in; null for the others.</summary>
    public static string? ButtonHandler(CaseAction action) => action switch
    {
        CaseAction.Receive => "Receive",
        CaseAction.StartReview => "StartReview",
        CaseAction.CompleteHandOver => "Complete",
        CaseAction.Register => "Register",
        CaseAction.Submit or CaseAction.ReturnForCorrection or CaseAction.Resubmit or CaseAction.Approve or CaseAction.Deny
            or CaseAction.FlagRegistrationError or CaseAction.Withdraw => null,
    };

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Me = User.ToActor();
        var found = await db.Applications.AsNoTracking().Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        Procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        ProcedureName = Procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? Procedure.Code;
        var office = await db.Offices.AsNoTracking().SingleAsync(o => o.Id == found.OfficeId, cancellationToken);
        OfficeName = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? office.NameJa : office.NameEn;
        Applicant = await db.ApplicantUsers.AsNoTracking().SingleOrDefaultAsync(a => a.Id == found.ApplicantId, cancellationToken);
        var ja = CaseFields.Read(found, Procedure.Kind, Japanese);
        var en = CaseFields.Read(found, Procedure.Kind, English);
        Sections = [.. ja.Zip(en, (j, e) => (j.Title, e.Title, (IReadOnlyList<(string, string, string)>)[.. j.Rows.Zip(e.Rows, (jr, er) => (jr.Label, er.Label, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? jr.Value : er.Value))]))];
        Files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.UploadedAt).ToListAsync(cancellationToken);
        Journal = await db.AuditEntries.AsNoTracking().Where(a => a.ApplicationId == id).OrderByDescending(a => a.Id).Take(200).ToListAsync(cancellationToken);
        Notes = await db.InternalNotes.AsNoTracking().Where(n => n.ApplicationId == id).OrderByDescending(n => n.CreatedAt).ToListAsync(cancellationToken);
        Corrections = await db.CorrectionRequests.AsNoTracking().Include(r => r.Items).Where(r => r.ApplicationId == id).OrderByDescending(r => r.Round).ToListAsync(cancellationToken);
        Related = await queues.RelatedAsync(found, cancellationToken);
        await LoadEmailsAsync(id, cancellationToken);
        // Whom the case can be given to, for those the case lets assign it.
        Staff = found.AssignRefusal(Me) is null
            ? await db.StaffUsers.AsNoTracking().Where(s => s.IsActive && (s.Role == StaffRole.Examiner || s.Role == StaffRole.Supervisor)).OrderBy(s => s.DisplayName).ToListAsync(cancellationToken)
            : [];
        Allowed = found.AllowedTransitions(Me);
        Ageing = deadlines.AgeingOf(found, clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
