using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Applications;

/// <summary>
/// Modify (002 §5.2 step 5–6, 001 §4.3): the examiner's reasons and items, the form with the case's data, the
/// photo and documents asked for again, confirmation, and resubmission. Offered only while the case waits for
/// the applicant; someone else's: 404. Attach, Remove, Confirm, Back and Refresh are the entry pages' own
/// (<see cref="EntryPageModel"/>).
/// </summary>
[RequestSizeLimit(EntryLimits.RequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EntryLimits.RequestBytes)]
public sealed class ModifyModel(
    ApplicantCases cases, Corrections corrections, FormChecks checks, Attachments attachments, AttachmentEntry entry,
    RasensDbContext db, IStringLocalizer<SharedResource> text) : EntryPageModel(checks, attachments, entry, text)
{
    /// <summary>The version of the case the applicant started from: a change by the office meanwhile is noticed.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>The key this correction's new files are held under until resubmission.</summary>
    [BindProperty]
    public Guid CorrectionKey { get; set; }

    public Application Case { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public CorrectionView? Correction { get; private set; }

    /// <summary>New files belong to the next round and count with the case's; the items asked for must be among them.</summary>
    protected override EntryDraft Draft => new(Case.ApplicantId, CorrectionKey, Case.Id, Case.CorrectionRound + 1, Correction?.Items);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        Values = CaseFields.Values(Case.Payload).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        Version = Case.Version;
        CorrectionKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await corrections.ResubmitAsync(Case, User.ToActor(), Version, Values, CorrectionKey, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Applications/{id}?resubmitted=1");
        }

        await ShowRefusalAsync(result.Error!, cancellationToken);
        return Page();
    }

    protected override Task<IActionResult?> OpenAsync(CancellationToken cancellationToken) =>
        LoadAsync(long.TryParse(RouteData.Values["id"] as string, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0, cancellationToken);

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var applicant = User.ToActor();
        if (await cases.FindOwnAsync(applicant.Id, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        if (FormDefinitions.For(procedure.Kind) is not { } form || !found.AllowedTransitions(applicant).Contains(CaseAction.Resubmit))
        {
            return Redirect($"/Applications/{id}");
        }

        (Case, Form) = (found, form);
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        Correction = await corrections.OpenRequestAsync(found, cancellationToken);
        await LoadFilesAsync(cancellationToken);
        return null;
    }
}
