namespace Rasens.Workbench.Pages;

/// <summary>The backlog at a glance: cases by status, for applications and notifications, from the counts table.</summary>
public sealed class IndexModel(RasensDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];

    public DateTime AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = clock.GetUtcNow().UtcDateTime;
        var rows = await db.CaseCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync(cancellationToken);
        Counts = [.. rows.GroupBy(r => (r.Workflow, r.Status)).Select(g => new StatusCount(g.Key.Workflow, g.Key.Status, g.Sum(r => r.Count)))
            .OrderBy(r => r.Workflow).ThenBy(r => r.Status)];
    }

    public sealed record StatusCount(Workflow Workflow, ApplicationStatus Status, long Count);
}
