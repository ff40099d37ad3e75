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

namespace Rasens.Portal.Pages.Procedures;

/// <summary>
/// Entering a procedure's form, confirming it and applying (DOMAIN §6), for every procedure that has a
/// <see cref="FormDefinition"/>. What was typed is never lost: errors re-render the form with every value,
/// Return to Input gives everything back, and Apply is safe to send twice (the form entry's key).
/// </summary>
[Authorize]
public sealed class ApplyModel(
    RasensDbContext db,
    SavedForms saved,
    ApplicantCases cases,
    UsageRequests usage,
    Submissions submissions,
    UserManager<ApplicantUser> users,
    RasensOptions options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public FormDefinition Form { get; private set; } = null!;

    public bool Confirming { get; private set; }

    public Error? Refusal { get; private set; }

    /// <summary>A file saved earlier with "Save data", to load back into the form.</summary>
    [BindProperty]
    public IFormFile? SavedFile { get; set; }

    /// <summary>"loaded" or "reused": the form was filled from a file or a past application.</summary>
    public string? Filled { get; private set; }

    /// <summary>Why a saved file was refused, in the user's language.</summary>
    public string? LoadError { get; private set; }

    /// <summary>Errors by field key, already in the user's language.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Current => Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string code, long? reuse, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        SubmissionKey = Guid.NewGuid();
        if (reuse is { } id)
        {
            // 001 §7.3: the applicant's own application of this procedure from the last two years fills the form.
            var payload = await cases.ReusablePayloadAsync(Guid.Parse(users.GetUserId(User)!), Procedure.Id, id, cancellationToken);
            if (payload is null)
            {
                return NotFound();
            }

            Values = CaseFields.Values(payload).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
            Filled = "reused";
            return Page();
        }

        var applicant = await users.GetUserAsync(User);
        Values["nameEnglish"] = applicant?.NameEnglish;
        Values["dateOfBirth"] = applicant?.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Values["phone"] = applicant?.PhoneNumber;
        Values["residenceCardNumber"] = await LastResidenceCardAsync(applicant?.Id, cancellationToken);
        return Page();
    }

    /// <summary>Without JavaScript: shows the fields that belong to the choices made so far.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        var check = Form.Check(Values, Today);
        Show(check);
        if (check.IsValid)
        {
            Values = check.Values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
            Confirming = true;
        }

        return Page();
    }

    /// <summary>Save data: everything typed so far (valid or not), as a protected file. Attachments are not included.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        var today = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return File(saved.Save(Form, Current), "application/octet-stream", $"rasens-{Procedure.Code}-{today}.rasens");
    }

    /// <summary>Load data: only a file saved from this procedure and this version of its form.</summary>
    public async Task<IActionResult> OnPostLoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        ModelState.Clear();
        if (SavedFile is null || SavedFile.Length == 0)
        {
            LoadError = text["Error_saved.no-file"];
            return Page();
        }

        await using var stream = SavedFile.OpenReadStream();
        var loaded = await saved.LoadAsync(Form, stream, cancellationToken);
        if (!loaded.Succeeded)
        {
            LoadError = text["Error_" + loaded.Error!.Code, SavedFile.FileName];
            return Page();
        }

        Values = loaded.Value!.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        Filled = "loaded";
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

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
            Show(Form.Check(Values, Today));
        }
        else
        {
            Refusal = result.Error;
        }

        return Page();
    }

    public string Label(string key) => FormTexts.Get(key);

    public string Display(Field field, string value) => Infrastructure.ProcedureFormView.Display(field, value);

    private DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    private void Show(FormCheck check)
    {
        foreach (var error in check.Errors)
        {
            FieldErrors.TryAdd(error.Key, text["Error_" + error.Code, [FormTexts.Get(error.LabelKey), .. error.Arguments]]);
            ModelState.AddModelError($"Values[{error.Key}]", FieldErrors[error.Key]);
        }
    }

    /// <summary>The procedure, its form and the gate; a result to return instead of the page when the applicant cannot go on.</summary>
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

        Refusal = await usage.CheckAllowedAsync(Guid.Parse(users.GetUserId(User)!), procedure, cancellationToken);
        return Refusal is null ? null : Page();
    }

    private async Task<string?> LastResidenceCardAsync(Guid? applicantId, CancellationToken cancellationToken)
    {
        var payload = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == applicantId && a.ResidenceCardNumber != null)
            .OrderByDescending(a => a.SubmittedAt)
            .Select(a => a.ResidenceCardNumber)
            .FirstOrDefaultAsync(cancellationToken);
        return payload;
    }
}
