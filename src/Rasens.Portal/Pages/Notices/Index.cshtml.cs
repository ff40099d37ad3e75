using Rasens.Data.Notices;

namespace Rasens.Portal.Pages.Notices;

/// <summary>The List of Notices (001 §1.4, "to view past notices"): every notice on view, newest first, paged.</summary>
[AllowAnonymous]
public sealed class IndexModel(RasensDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<GeneralNotice> Notices { get; private set; } = [];

    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var notices = db.GeneralNotices.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime);
        var total = await notices.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Notices = await notices.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
    }

    public static string PageLink(int page) => $"/Notices?p={page}";
}
