namespace Rasens.Portal.Infrastructure;

/// <summary>
/// Whose entry a page edits: the applicant, the key its files are held under, the case being corrected (whose
/// files count too) and the round new files belong to, and the items the examiner asked for again.
/// </summary>
public sealed record EntryDraft(Guid ApplicantId, Guid Key, long? CaseId, int Round, IReadOnlyList<CorrectionItem>? Requested);

/// <summary>
/// The entry pages, Apply (a new application or notification) and Modify (a correction): one form of a
/// procedure with its attachments, edited the same way. Every handler here re-renders the form with everything
/// typed: Attach checks and keeps the chosen files with the entry (a refused file is named with the reason),
/// Remove takes one off, Proceed to Confirmation attaches what was chosen but not yet attached and checks the
/// form, Return to Input and Refresh give the form back, and the files stay with the entry's key throughout.
/// A page supplies how it opens (<see cref="OpenAsync"/>) and whose entry it is (<see cref="Draft"/>).
/// </summary>
public abstract class EntryPageModel(FormChecks checks, Attachments attachments, AttachmentEntry entry, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public IFormFile? Photo { get; set; }

    [BindProperty]
    public List<IFormFile> Documents { get; set; } = [];

    /// <summary>The file to remove (Detach).</summary>
    [BindProperty]
    public Guid AttachmentId { get; set; }

    public FormDefinition Form { get; protected set; } = null!;

    public bool Confirming { get; private set; }

    /// <summary>Why the applicant cannot go on (shown by each page its own way).</summary>
    public Error? Refusal { get; protected set; }

    /// <summary>Errors by field key, already in the user's language.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<string> AttachmentErrors { get; } = [];

    public List<string> AttachmentNotices { get; } = [];

    /// <summary>The files attached in this entry so far.</summary>
    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];

    /// <summary>The case's files from earlier rounds (a correction): shown, not removable here.</summary>
    public IReadOnlyList<AttachmentView> CaseFiles { get; private set; } = [];

    public AttachmentsPanel Panel => new(Form.Attachments, Files, AttachmentErrors, AttachmentNotices) { OnCase = CaseFiles };

    public IReadOnlyDictionary<string, string> Current => Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    /// <summary>Whose entry this is; valid once <see cref="OpenAsync"/> let the page go on.</summary>
    protected abstract EntryDraft Draft { get; }

    protected IStringLocalizer<SharedResource> Text => text;

    /// <summary>Without JavaScript: shows the fields that belong to the choices made so far.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken) ?? Page();

    /// <summary>Return to Input from the confirmation: everything comes back, the files included.</summary>
    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken) ?? Page();

    /// <summary>Attach: the chosen files are checked and kept with the entry; everything typed comes back.</summary>
    public async Task<IActionResult> OnPostAttachAsync(CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        await AttachChosenAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDetachAsync(CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        var draft = Draft;
        if (await attachments.RemoveAsync(draft.ApplicantId, draft.Key, AttachmentId, cancellationToken) is { } removed)
        {
            AttachmentNotices.Add(text["FileRemoved", removed]);
        }

        Files = await attachments.DraftAsync(draft.ApplicantId, draft.Key, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is { } stop)
        {
            return stop;
        }

        // Files chosen but not yet attached are attached now rather than silently dropped.
        await AttachChosenAsync(cancellationToken);
        var draft = Draft;
        var check = await checks.CheckAsync(draft.ApplicantId, Form, Values, cancellationToken);
        Show(check);
        if (await attachments.MissingAsync(draft.ApplicantId, draft.Key, draft.CaseId, Form.Attachments, draft.Requested, cancellationToken) is { } missing)
        {
            AttachmentErrors.Add(entry.Message(missing));
        }

        if (check.IsValid && AttachmentErrors.Count == 0)
        {
            Values = check.Values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
            Confirming = true;
        }

        return Page();
    }

    /// <summary>
    /// Loads what the page needs (and, once the form is known, <see cref="LoadFilesAsync"/>); a result to return
    /// instead of the page when the applicant cannot go on.
    /// </summary>
    protected abstract Task<IActionResult?> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The entry's files so far and, for a correction, the case's.</summary>
    protected async Task LoadFilesAsync(CancellationToken cancellationToken)
    {
        if (!Form.Attachments.Any)
        {
            return;
        }

        var draft = Draft;
        CaseFiles = draft.CaseId is { } caseId ? await attachments.OfCaseAsync(caseId, cancellationToken) : [];
        Files = draft.Key == Guid.Empty ? [] : await attachments.DraftAsync(draft.ApplicantId, draft.Key, cancellationToken);
    }

    /// <summary>
    /// After Apply or Resubmit was refused: a form the checks refuse shows its field errors, an attachment rule its
    /// sentence in the panel, anything else is the page's <see cref="Refusal"/>. Everything typed stays.
    /// </summary>
    protected async Task ShowRefusalAsync(Error error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error == Submissions.Invalid)
        {
            Show(await checks.CheckAsync(Draft.ApplicantId, Form, Values, cancellationToken));
        }
        else if (error.Code.StartsWith("attachment.", StringComparison.Ordinal))
        {
            AttachmentErrors.Add(entry.Message(error));
        }
        else
        {
            Refusal = error;
        }
    }

    private async Task AttachChosenAsync(CancellationToken cancellationToken)
    {
        if (AttachmentEntry.AnyChosen(Photo, Documents))
        {
            var draft = Draft;
            var (notices, errors) = await entry.AttachAsync(draft.ApplicantId, draft.Key, draft.CaseId, draft.Round, Form.Attachments, Photo, Documents, cancellationToken);
            AttachmentNotices.AddRange(notices);
            AttachmentErrors.AddRange(errors);
            Files = await attachments.DraftAsync(draft.ApplicantId, draft.Key, cancellationToken);
        }
    }

    private void Show(FormCheck check)
    {
        foreach (var error in check.Errors)
        {
            FieldErrors.TryAdd(error.Key, text["Error_" + error.Code, [FormTexts.Get(error.LabelKey), .. error.Arguments]]);
            ModelState.AddModelError($"Values[{error.Key}]", FieldErrors[error.Key]);
        }
    }
}
