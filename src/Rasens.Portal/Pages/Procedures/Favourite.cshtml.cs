namespace Rasens.Portal.Pages.Procedures;

/// <summary>
/// "Add to Favorites" / delete from favourites (001 §6.6) with the manual's confirmation step (Back /
/// Register, Back / Delete). A plain page rather than a script dialog: it works without JavaScript.
/// </summary>
[Authorize]
public sealed class FavouriteModel(RasensDbContext db, Favourites favourites, UserManager<ApplicantUser> users) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public bool IsFavourite { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        var result = await favourites.AddAsync(ApplicantId, Procedure, cancellationToken);
        return result.Succeeded ? Back("added") : BadRequest();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        await favourites.RemoveAsync(ApplicantId, Procedure.Id, cancellationToken);
        return Back("removed");
    }

    private LocalRedirectResult Back(string notice) =>
        LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : $"/Procedures/{Procedure.Code}?Favourite={notice}");

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (procedure is null)
        {
            return false;
        }

        Procedure = procedure;
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        IsFavourite = await favourites.IsFavouriteAsync(ApplicantId, procedure.Id, cancellationToken);
        return true;
    }

    private Guid ApplicantId => Guid.Parse(users.GetUserId(User)!);
}
