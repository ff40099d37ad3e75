namespace Rasens.Portal.Pages.Procedures;

/// <summary>
/// The Procedure Explanation: name, explanation, reception period, contact, terms of use and Agree.
/// Agree is refused (on the server, whatever the page showed) when the procedure is outside its reception
/// period, or needs an approved request for use the applicant does not have.
/// </summary>
[AllowAnonymous]
public sealed class ExplanationModel(RasensDbContext db, UsageRequests usage, Favourites favourites, UserManager<ApplicantUser> users, Rasens.Portal.Infrastructure.TermsAgreement agreement, TimeProvider clock) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public ProcedureText Text { get; private set; } = null!;

    public bool Open { get; private set; }

    /// <summary>Why the applicant cannot go on right now, if they cannot.</summary>
    public Error? Refusal { get; private set; }

    public bool IsFavourite { get; private set; }

    /// <summary>Whether the procedure is entered through a form this version of the Portal offers.</summary>
    public bool HasForm => Rasens.Data.Forms.FormDefinitions.For(Procedure.Kind) is not null;

    /// <summary>"added" or "removed" after the favourites confirmation.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Favourite { get; set; }

    /// <summary>For a procedure that needs a request for use: the one to make first.</summary>
    public Procedure? RequiredUsage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        if (!Open || Refusal is not null)
        {
            return Page();
        }

        if (UsageRequests.PurposeOf(Procedure.Kind) is { } purpose)
        {
            return RedirectToPage("/UsageRequest/About", new { purpose });
        }

        if (!HasForm)
        {
            return Page();
        }

        agreement.Record(HttpContext, Guid.Parse(users.GetUserId(User)!), Procedure.Code);
        return RedirectToPage("/Procedures/Apply", new { code });
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (procedure is null)
        {
            return false;
        }

        Procedure = procedure;
        Text = procedure.TextFor(CultureInfo.CurrentUICulture.Name)!;
        Open = procedure.IsOpenAt(clock.GetUtcNow().UtcDateTime);
        if (procedure.RequiresUsageRequest is { } required)
        {
            RequiredUsage = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Kind == required, cancellationToken);
        }

        if (User.Identity?.IsAuthenticated == true && users.GetUserId(User) is { } id)
        {
            var applicantId = Guid.Parse(id);
            IsFavourite = await favourites.IsFavouriteAsync(applicantId, procedure.Id, cancellationToken);
            Refusal = UsageRequests.PurposeOf(procedure.Kind) is not null
                ? await usage.CheckCanStartAsync(applicantId, procedure.Kind, cancellationToken)
                : await usage.CheckAllowedAsync(applicantId, procedure, cancellationToken);
        }

        return true;
    }
}
