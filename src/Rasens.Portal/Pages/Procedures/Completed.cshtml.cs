namespace Rasens.Portal.Pages.Procedures;

/// <summary>ProcedureCompleted: the reference number (and the notification receipt number). Someone else's is "not found".</summary>
[Authorize]
public sealed class CompletedModel(RasensDbContext db, UserManager<ApplicantUser> users) : PageModel
{
    public string ReferenceNumber { get; private set; } = "";

    public string? NotificationReceiptNumber { get; private set; }

    public string ProcedureName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var applicantId = Guid.Parse(users.GetUserId(User)!);
        var found = await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.ApplicantId == applicantId)
            .Select(a => new { a.ReferenceNumber, a.NotificationReceiptNumber, a.ProcedureId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        (ReferenceNumber, NotificationReceiptNumber) = (found.ReferenceNumber, found.NotificationReceiptNumber);
        var procedure = await db.Procedures.AsNoTracking().Include(p => p.Texts).SingleAsync(p => p.Id == found.ProcedureId, cancellationToken);
        ProcedureName = procedure.TextFor(CultureInfo.CurrentUICulture.Name)?.Name ?? procedure.Code;
        return Page();
    }
}
