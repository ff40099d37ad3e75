namespace Rasens.Portal.Pages.UsageRequest;

/// <summary>ProcedureCompleted for a request for use: the reference number. Someone else's is "not found".</summary>
public sealed class CompletedModel(RasensDbContext db, UserManager<ApplicantUser> users) : PageModel
{
    public string ReferenceNumber { get; private set; } = "";

    public string ProcedureName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var applicantId = Guid.Parse(users.GetUserId(User)!);
        var found = await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.ApplicantId == applicantId)
            .Select(a => new { a.ReferenceNumber, a.ProcedureId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        ReferenceNumber = found.ReferenceNumber;
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        return Page();
    }
}
