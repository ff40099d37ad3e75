using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Procedures;

namespace Rasens.Portal.Pages.Procedures;

/// <summary>Online Application Procedures: the list of procedures with their reception periods (001 §4.1).</summary>
[AllowAnonymous]
public sealed class IndexModel(RasensDbContext db) : PageModel
{
    public IReadOnlyList<Procedure> Procedures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Procedures = await db.Procedures.AsNoTracking().Include(p => p.Texts).OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);

    public static string Culture => CultureInfo.CurrentUICulture.Name;
}
