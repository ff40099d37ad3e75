namespace Rasens.Portal.Pages.MyPage;

/// <summary>My Page (001 §6): the applicant's own user information and their cases by status, nobody else's.</summary>
public sealed class IndexModel(UserManager<ApplicantUser> users, RasensDbContext db) : PageModel
{
    public ApplicantUser Applicant { get; private set; } = null!;

    public IReadOnlyList<(ApplicationStatus Status, int Count)> Counts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } applicant)
        {
            return Challenge();
        }

        Applicant = applicant;
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == applicant.Id)
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = [.. rows.OrderBy(r => r.Status).Select(r => (r.Status, r.Count))];
        return Page();
    }
}
