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

namespace Rasens.Portal.Pages.Applications;

/// <summary>
/// Modify (002 §5.2 step 5–6, 001 §4.3): the examiner's reasons and items, the form with the case's data,
/// confirmation, and resubmission. Offered only while the case waits for the applicant; someone else's: 404.
/// </summary>
public sealed class ModifyModel(
    ApplicantCases cases, Corrections corrections, RasensDbContext db, UserManager<ApplicantUser> users, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version of the case the applicant started from: a change by the office meanwhile is noticed.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Application Case { get; private set; } = null!;

    public FormDefinition Form { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public CorrectionView? Correction { get; private set; }

    public bool Confirming { get; private set; }

    public string? Refusal { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Current => Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        Values = CaseFields.Values(Case.Payload).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        Version = Case.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostRefreshAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostBackAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        var check = Form.Check(Values, DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime)));
        Show(check);
        Confirming = check.IsValid;
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
        var result = await corrections.ResubmitAsync(Case, applicant, Version, Values, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Applications/{id}?resubmitted=1");
        }

        if (result.Error == Submissions.Invalid)
        {
            Show(Form.Check(Values, DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime))));
        }
        else
        {
            Refusal = text["Error_" + result.Error!.Code];
        }

        return Page();
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
        return null;
    }
}
