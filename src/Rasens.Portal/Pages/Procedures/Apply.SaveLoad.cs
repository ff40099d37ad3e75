namespace Rasens.Portal.Pages.Procedures;

/// <summary>Starting the entry (prefilled, or from a past application) and save / load data (001 §7.2–7.3).</summary>
public sealed partial class ApplyModel
{
    /// <summary>A file saved earlier with "Save data", to load back into the form.</summary>
    [BindProperty]
    public IFormFile? SavedFile { get; set; }

    /// <summary>"loaded" or "reused": the form was filled from a file or a past application.</summary>
    public string? Filled { get; private set; }

    /// <summary>Why a saved file was refused, in the user's language.</summary>
    public string? LoadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, long? reuse, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } stop)
        {
            return stop;
        }

        // The form opens only after the terms were agreed to on the procedure's explanation (001 §4.2).
        if (Refusal is null && !agreement.Has(HttpContext, ApplicantId, code))
        {
            return RedirectToPage("/Procedures/Explanation", new { code });
        }

        SubmissionKey = Guid.NewGuid();
        if (reuse is { } id)
        {
            // 001 §7.3: the applicant's own application of this procedure from the last two years fills the form.
            var payload = await cases.ReusablePayloadAsync(ApplicantId, Procedure.Id, id, cancellationToken);
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
        Values["notificationEmail"] = Form.FindField("notificationEmail") is null ? null : applicant?.Email;
        Values["residenceCardNumber"] = await LastResidenceCardAsync(applicant?.Id, cancellationToken);
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
            LoadError = Text["Error_saved.no-file"];
            return Page();
        }

        await using var stream = SavedFile.OpenReadStream();
        var loaded = await saved.LoadAsync(Form, stream, cancellationToken);
        if (!loaded.Succeeded)
        {
            LoadError = Text["Error_" + loaded.Error!.Code, SavedFile.FileName];
            return Page();
        }

        Values = loaded.Value!.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        Filled = "loaded";
        return Page();
    }

    private async Task<string?> LastResidenceCardAsync(Guid? applicantId, CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == applicantId && a.ResidenceCardNumber != null)
            .OrderByDescending(a => a.SubmittedAt)
            .Select(a => a.ResidenceCardNumber)
            .FirstOrDefaultAsync(cancellationToken);
}
