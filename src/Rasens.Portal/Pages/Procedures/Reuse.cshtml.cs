namespace Rasens.Portal.Pages.Procedures;

/// <summary>Reusing past applications (001 §7.3): the applicant's own, of this procedure, from the last two years.</summary>
[Authorize]
public sealed class ReuseModel(RasensDbContext db, ApplicantCases cases, UserManager<ApplicantUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    public Procedure Procedure { get; private set; } = null!;

    public string ProcedureName { get; private set; } = "";

    public IReadOnlyList<CaseListItem> Past { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (procedure is null || FormDefinitions.For(procedure.Kind) is null)
        {
            return NotFound();
        }

        Procedure = procedure;
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        Past = await cases.ReusableAsync(Guid.Parse(users.GetUserId(User)!), procedure.Id, Number?.Length > 20 ? Number[..20] : Number, ProcedureName, cancellationToken);
        return Page();
    }
}
