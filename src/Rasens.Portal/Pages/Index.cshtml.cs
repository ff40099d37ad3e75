using Rasens.Data.Notices;

namespace Rasens.Portal.Pages;

/// <summary>The top page: the latest general notices, important ones first, and the way in (001 §1.4); the rest are in the List of Notices.</summary>
[AllowAnonymous]
public sealed class IndexModel(RasensDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<GeneralNotice> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Notices = await db.GeneralNotices.AsNoTracking()
            .VisibleAt(now)
            .OrderByDescending(n => n.Important).ThenByDescending(n => n.PublishedAt)
            .Take(10)
            .ToListAsync(cancellationToken);
    }
}
