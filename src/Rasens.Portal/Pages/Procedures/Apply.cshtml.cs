using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Procedures;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Procedures;

/// <summary>
/// Entering a procedure's form, attaching its files, confirming and applying (DOMAIN §5–6), for every
/// procedure that has a <see cref="FormDefinition"/>. What was typed is never lost: errors and attaching re-render
/// the form with every value, Return to Input gives everything back (the files stay with the entry's key), and
/// Apply is safe to send twice. Save / load / reuse are in Apply.SaveLoad.cs.
/// </summary>
[Authorize]
[RequestSizeLimit(EntryLimits.RequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EntryLimits.RequestBytes)]
public sealed partial class ApplyModel(
    RasensDbContext db,
    SavedForms saved,
    ApplicantCases cases,
    UsageRequests usage,
    Submissions submissions,
    FormChecks checks,
    Attachments attachments,
    AttachmentEntry entry,
    UserManager<ApplicantUser> users,
    RasensOptions options,
    TermsAgreement agreement,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The key of this form entry: Apply makes one case per key, and the entry's files are held under it.</summary>
    [BindProperty]
    public Guid SubmissionKey { get; set; }

    [BindProperty]
    public IFormFile? Photo { get; set; }

    [BindProperty]
    public List<IFormFile> Documents { get; set; } = [];

    /// <summary>The file to remove (Detach).</summary>
    [BindProperty]
    public Guid AttachmentId { get; set; }

    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public FormDefinition Form { get; private set; } = null!;

    public bool Confirming { get; private set; }

    public Error? Refusal { get; private set; }

    /// <summary>Errors by field key, already in the user's language.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public List<string> AttachmentErrors { get; } = [];

    public List<string> AttachmentNotices { get; } = [];

    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];

    public AttachmentsPanel Panel => new(Form.Attachments, Files, AttachmentErrors, AttachmentNotices);

    public IReadOnlyDictionary<string, string> Current => Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    /// <summary>Without JavaScript: shows the fields that belong to the choices made so far.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostBackAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    /// <summary>Attach: the chosen files are checked and kept with the entry; everything typed comes back.</summary>
    public async Task<IActionResult> OnPostAttachAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        await AttachChosenAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDetachAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        if (await attachments.RemoveAsync(ApplicantId, SubmissionKey, AttachmentId, cancellationToken) is { } removed)
        {
            AttachmentNotices.Add(text["FileRemoved", removed]);
        }

        Files = await attachments.DraftAsync(ApplicantId, SubmissionKey, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        // Files chosen but not yet attached are attached now rather than silently dropped.
        await AttachChosenAsync(cancellationToken);
        var check = await checks.CheckAsync(ApplicantId, Form, Values, cancellationToken);
        Show(check);
        if (await attachments.MissingAsync(ApplicantId, SubmissionKey, null, Form.Attachments, null, cancellationToken) is { } missing)
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

    public async Task<IActionResult> OnPostApplyAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        var applicant = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var result = await submissions.SubmitAsync(applicant, new Submission(SubmissionKey, Procedure.Kind, Values), options.UsageRequestOfficeId, cancellationToken);
        if (result.Succeeded)
        {
            return RedirectToPage("/Procedures/Completed", new { id = result.Value!.Id });
        }

        if (result.Error == Submissions.Invalid)
        {
            Show(await checks.CheckAsync(ApplicantId, Form, Values, cancellationToken));
        }
        else if (result.Error!.Code.StartsWith("attachment.", StringComparison.Ordinal))
        {
            AttachmentErrors.Add(entry.Message(result.Error));
        }
        else
        {
            Refusal = result.Error;
        }

        return Page();
    }

    private Guid ApplicantId => Guid.Parse(users.GetUserId(User)!);

    private async Task AttachChosenAsync(CancellationToken cancellationToken)
    {
        if (AttachmentEntry.AnyChosen(Photo, Documents))
        {
            var (notices, errors) = await entry.AttachAsync(ApplicantId, SubmissionKey, null, 0, Form.Attachments, Photo, Documents, cancellationToken);
            AttachmentNotices.AddRange(notices);
            AttachmentErrors.AddRange(errors);
            Files = await attachments.DraftAsync(ApplicantId, SubmissionKey, cancellationToken);
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

    /// <summary>The procedure, its form, the entry's files and the gate; a result to return instead of the page when the applicant cannot go on.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (procedure is null || FormDefinitions.For(procedure.Kind) is not { } form)
        {
            return NotFound();
        }

        Procedure = procedure;
        Form = form;
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        if (!procedure.IsOpenAt(clock.GetUtcNow().UtcDateTime))
        {
            return RedirectToPage("/Procedures/Explanation", new { code });
        }

        Refusal = await usage.CheckAllowedAsync(ApplicantId, procedure, cancellationToken);
        if (HttpMethods.IsPost(Request.Method) && SubmissionKey == Guid.Empty)
        {
            // Every form of this page carries the entry's key; a post without one starts a new entry rather than
            // sharing the empty key with every other such post.
            SubmissionKey = Guid.NewGuid();
        }

        if (form.Attachments.Any && SubmissionKey != Guid.Empty)
        {
            Files = await attachments.DraftAsync(ApplicantId, SubmissionKey, cancellationToken);
        }

        return Refusal is null ? null : Page();
    }
}
