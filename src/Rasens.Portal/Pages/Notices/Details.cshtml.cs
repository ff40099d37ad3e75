using Rasens.Data.Notices;

namespace Rasens.Portal.Pages.Notices;

/// <summary>One notice in full; a notice not (or no longer) on view is not found, as an unknown one is.</summary>
[AllowAnonymous]
public sealed class DetailsModel(RasensDbContext db, TimeProvider clock) : PageModel
{
    public GeneralNotice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var notice = await db.GeneralNotices.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime)
            .FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return NotFound();
        }

        Notice = notice;
        return Page();
    }
}
