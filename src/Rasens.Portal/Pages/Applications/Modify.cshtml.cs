using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Applications;

/// <summary>
/// Modify (002 §5.2 step 5–6, 001 §4.3): the examiner's reasons and items, the form with the case's data, the
/// photo and documents asked for again, confirmation, and resubmission. Offered only while the case waits for
/// the applicant; someone else's: 404.
/// </summary>
[RequestSizeLimit(EntryLimits.RequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EntryLimits.RequestBytes)]
public sealed class ModifyModel(
    ApplicantCases cases, Corrections corrections, FormChecks checks, Attachments attachments, AttachmentEntry entry,
    RasensDbContext db, UserManager<ApplicantUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version of the case the applicant started from: a change by the office meanwhile is noticed.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>The key this correction's new files are held under until resubmission.</summary>
    [BindProperty]
    public Guid CorrectionKey { get; set; }

    [BindProperty]
    public IFormFile? Photo { get; set; }

    [BindProperty]
    public List<IFormFile> Documents { get; set; } = [];

    [BindProperty]
    public Guid AttachmentId { get; set; }

    public Application Case { get; private set; } = null!;

    public FormDefinition Form { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public CorrectionView? Correction { get; private set; }

    public bool Confirming { get; private set; }

    public string? Refusal { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<string> AttachmentErrors { get; } = [];

    public List<string> AttachmentNotices { get; } = [];

    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];

    public IReadOnlyList<AttachmentView> CaseFiles { get; private set; } = [];

    public AttachmentsPanel Panel => new(Form.Attachments, Files, AttachmentErrors, AttachmentNotices) { OnCase = CaseFiles };

    public IReadOnlyDictionary<string, string> Current => Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

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

    public async Task<IActionResult> OnPostRefreshAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostBackAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAttachAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        await AttachChosenAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDetachAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        if (await attachments.RemoveAsync(Case.ApplicantId, CorrectionKey, AttachmentId, cancellationToken) is { } removed)
        {
            AttachmentNotices.Add(text["FileRemoved", removed]);
        }

        Files = await attachments.DraftAsync(Case.ApplicantId, CorrectionKey, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        await AttachChosenAsync(cancellationToken);
        var check = await checks.CheckAsync(Case.ApplicantId, Form, Values, cancellationToken);
        Show(check);
        if (await attachments.MissingAsync(Case.ApplicantId, CorrectionKey, Case.Id, Form.Attachments, Correction?.Items, cancellationToken) is { } missing)
        {
            AttachmentErrors.Add(entry.Message(missing));
        }

        Confirming = check.IsValid && AttachmentErrors.Count == 0;
        if (Confirming)
        {
            Values = check.Values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        var applicant = new Actor(ActorRole.Applicant, Case.ApplicantId, User.Identity?.Name ?? "");
        var result = await corrections.ResubmitAsync(Case, applicant, Version, Values, CorrectionKey, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Applications/{id}?resubmitted=1");
        }

        if (result.Error == Submissions.Invalid)
        {
            Show(await checks.CheckAsync(Case.ApplicantId, Form, Values, cancellationToken));
        }
        else if (result.Error!.Code.StartsWith("attachment.", StringComparison.Ordinal))
        {
            AttachmentErrors.Add(entry.Message(result.Error));
        }
        else
        {
            Refusal = text["Error_" + result.Error!.Code];
        }

        return Page();
    }

    private async Task AttachChosenAsync(CancellationToken cancellationToken)
    {
        if (AttachmentEntry.AnyChosen(Photo, Documents))
        {
            var (notices, errors) = await entry.AttachAsync(Case.ApplicantId, CorrectionKey, Case.Id, Case.CorrectionRound + 1, Form.Attachments, Photo, Documents, cancellationToken);
            AttachmentNotices.AddRange(notices);
            AttachmentErrors.AddRange(errors);
            Files = await attachments.DraftAsync(Case.ApplicantId, CorrectionKey, cancellationToken);
        }
    }

    private void Show(FormCheck check)
    {
        foreach (var error in check.Errors)
        {
            FieldErrors.TryAdd(error.Key, text["Error_" + error.Code, [FormTexts.Get(error.LabelKey), .. error.Arguments]]);
        }
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var applicantId = Guid.Parse(users.GetUserId(User)!);
        if (await cases.FindOwnAsync(applicantId, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        if (FormDefinitions.For(procedure.Kind) is not { } form
            || !found.AllowedTransitions(new Actor(ActorRole.Applicant, applicantId, "")).Contains(CaseAction.Resubmit))
        {
            return Redirect($"/Applications/{id}");
        }

        (Case, Form) = (found, form);
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        Correction = await corrections.OpenRequestAsync(found, cancellationToken);
        if (form.Attachments.Any)
        {
            CaseFiles = await attachments.OfCaseAsync(found.Id, cancellationToken);
            Files = CorrectionKey == Guid.Empty ? [] : await attachments.DraftAsync(applicantId, CorrectionKey, cancellationToken);
        }

        return null;
    }
}
