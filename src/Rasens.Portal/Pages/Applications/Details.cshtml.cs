using Rasens.Data.Printing;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Applications;

/// <summary>
/// Application Details (002 §5.1): every field and attachment name of the applicant's own case, its status,
/// Print Details as a PDF, and withdrawal while examination has not started. Another applicant's case: 404.
/// </summary>
public sealed class DetailsModel(
    ApplicantCases cases, ApplicantWork work, Corrections corrections, Attachments attachments, RasensDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The version of the case the applicant confirmed the withdrawal on: a change by the office meanwhile is noticed.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Application Case { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public IReadOnlyList<CaseFieldSection> Sections { get; private set; } = [];

    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];

    public bool CanWithdraw { get; private set; }

    public bool CanModify { get; private set; }

    public CorrectionView? Correction { get; private set; }

    public bool Withdrawing { get; private set; }

    /// <summary>Why the last action was refused, in the user's language.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Asks before withdrawing (no state change on GET).</summary>
    public async Task<IActionResult> OnGetWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Withdrawing = CanWithdraw;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        var result = await work.WithdrawAsync(id, Version, User.ToActor(), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Applications/{id}?withdrawn=1");
        }

        // The case as it is now, with the reason; still withdrawable (the office only looked at it), it can be confirmed again.
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Refusal = text["Error_" + result.Error!.Code];
        Withdrawing = CanWithdraw;
        return Page();
    }

    /// <summary>
    /// Print Details: the same content as this page, as a PDF. It is printed in Japanese for Japanese readers
    /// and in English for every other language: the record is official, and the embedded Japanese font covers
    /// exactly those two (entries are in capital Latin letters or Japanese by the form rules).
    /// </summary>
    public async Task<IActionResult> OnGetPrintAsync(long id, CancellationToken cancellationToken)
    {
        var screen = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(screen.TwoLetterISOLanguageName == "ja" ? "ja" : "en");
        try
        {
            return await PrintAsync(id, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = screen;
        }
    }

    private async Task<IActionResult> PrintAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        List<PrintRow> overview =
        [
            new(text["ProcedureName"], ProcedureName),
            new(text["ReferenceNumber"], Case.ReferenceNumber),
            new(text["ProcessingStatus"], text["Status_" + Case.Status]),
            new(text["ApplicationDateTime"], JapanTime.Format(Case.SubmittedAt)),
        ];
        AddIf(overview, text["TemporaryReceptionNumber"], Case.TemporaryReceptionNumber);
        AddIf(overview, text["ReceptionNumber"], Case.ReceptionNumber);
        AddIf(overview, text["NotificationReceiptNumber"], Case.NotificationReceiptNumber);
        var sections = new List<PrintSection> { new(text["ApplicationOverview"], overview) };
        sections.AddRange(Sections.Select(s => new PrintSection(s.Title, [.. s.Rows.Select(r => new PrintRow(r.Label, r.Value))])));
        if (Files.Count > 0)
        {
            sections.Add(new PrintSection(text["Attachments"],
                [.. Files.Select(f => new PrintRow(text[f.Kind == AttachmentKind.FacialPhoto ? "FacialPhoto" : "AttachedFile"], f.FileName))]));
        }

        var pdf = DetailsPdf.Render(new PrintDocument(text["ApplicationDetails"], ProcedureName, sections, text["AppName"], clock.GetUtcNow().UtcDateTime));
        // The file name is ours (reference numbers are digits), never the user's text.
        return File(pdf, "application/pdf", $"details-{Case.ReferenceNumber}.pdf");
    }

    /// <summary>
    /// One of the case's files, as a download: only the owner's, never shown inline, under the name the applicant
    /// gave it (cleaned, and encoded by the framework in Content-Disposition).
    /// </summary>
    public async Task<IActionResult> OnGetAttachmentAsync(long id, Guid file, CancellationToken cancellationToken)
    {
        if (await attachments.OpenOwnAsync(User.ToActor().Id, id, file, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        return File(found.Content, found.Attachment.ContentType, Attachments.SafeFileName(found.Attachment.OriginalFileName));
    }

    private static void AddIf(List<PrintRow> rows, string label, string? value)
    {
        if (value is not null)
        {
            rows.Add(new PrintRow(label, value));
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var applicant = User.ToActor();
        var found = await cases.FindOwnAsync(applicant.Id, id, cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        ProcedureName = procedure.TextFor(culture.Name)?.Name ?? procedure.Code;
        Sections = CaseFields.Read(found, procedure.Kind, culture);
        Files = await attachments.OfCaseAsync(found.Id, cancellationToken);
        var allowed = found.AllowedTransitions(applicant);
        CanWithdraw = allowed.Contains(CaseAction.Withdraw);
        CanModify = allowed.Contains(CaseAction.Resubmit) && FormDefinitions.For(procedure.Kind) is not null;
        Correction = await corrections.OpenRequestAsync(found, cancellationToken);
        return true;
    }
}
