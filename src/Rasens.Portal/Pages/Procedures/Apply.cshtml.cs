using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Procedures;

/// <summary>
/// Entering a procedure's form, attaching its files, confirming and applying (DOMAIN §5–6), for every
/// procedure that has a <see cref="FormDefinition"/>. What was typed is never lost: errors and attaching re-render
/// the form with every value, Return to Input gives everything back (the files stay with the entry's key), and
/// Apply is safe to send twice. Attach, Remove, Confirm, Back and Refresh are the entry pages' own
/// (<see cref="EntryPageModel"/>); save / load / reuse are in Apply.SaveLoad.cs.
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
    IStringLocalizer<SharedResource> text) : EntryPageModel(checks, attachments, entry, text)
{
    /// <summary>The key of this form entry: Apply makes one case per key, and the entry's files are held under it.</summary>
    [BindProperty]
    public Guid SubmissionKey { get; set; }

    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    protected override EntryDraft Draft => new(ApplicantId, SubmissionKey, CaseId: null, Round: 0, Requested: null);

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

        await ShowRefusalAsync(result.Error!, cancellationToken);
        return Page();
    }

    private Guid ApplicantId => User.ToActor().Id;

    protected override Task<IActionResult?> OpenAsync(CancellationToken cancellationToken) =>
        LoadAsync(RouteData.Values["code"] as string ?? "", cancellationToken);

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

        await LoadFilesAsync(cancellationToken);
        return Refusal is null ? null : Page();
    }
}
