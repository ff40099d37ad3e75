using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Applications;

namespace Rasens.Workbench.Pages;

/// <summary>The backlog at a glance: open cases by status, for applications and notifications.</summary>
public sealed class IndexModel(RasensDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StatusCount> Counts { get; private set; } = [];

    public DateTime AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AsOf = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Applications.AsNoTracking()
            .GroupBy(a => new { a.Workflow, a.Status })
            .Select(g => new { g.Key.Workflow, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = [.. rows.Select(r => new StatusCount(r.Workflow, r.Status, r.Count)).OrderBy(r => r.Workflow).ThenBy(r => r.Status)];
    }

    public sealed record StatusCount(Workflow Workflow, ApplicationStatus Status, int Count);
}
