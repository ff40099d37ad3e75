using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Queues;

/// <summary>
/// The queues (issue 5): a tab per queue with its count, filters every queue shares, sortable columns, keyset
/// paging, ageing markers, and (supervisors) bulk allocation of the cases ticked. The last choice of queue and
/// filters is kept in a cookie, so coming back to the queues brings it back.
/// </summary>
public sealed class IndexModel(RasensDbContext db, CaseQueues queues, OverdueCount overdue, QueueChoices choices, CaseWork work, CaseDeadlines deadlines, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string ChoiceCookie = "Rasens.Workbench.Queue";

    public static readonly QueueKind[] Tabs =
    [
        QueueKind.New, QueueKind.Mine, QueueKind.UnderReview, QueueKind.Returned, QueueKind.AwaitingIssuance,
        QueueKind.ToRegister, QueueKind.RegistrationErrors, QueueKind.Overdue, QueueKind.All,
    ];

    [FromRoute(Name = "queue")]
    public QueueKind Queue { get; set; } = QueueKind.New;

    [BindProperty(SupportsGet = true)]
    public int? Procedure { get; set; }

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Office { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Any number, a residence card number or the start of a name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public QueueSort Sort { get; set; } = QueueSort.Received;

    [BindProperty(SupportsGet = true)]
    public int Size { get; set; } = 20;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>Bulk allocation: "id:version" of each case ticked.</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public Guid? AssignTo { get; set; }

    public QueuePage Result { get; private set; } = new([], null, null);

    public IReadOnlyDictionary<QueueKind, long> Counts { get; private set; } = new Dictionary<QueueKind, long>();

    public IReadOnlyDictionary<int, string> Procedures { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<int, string> Offices { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<StaffChoice> Staff { get; private set; } = [];

    public DateTime Now { get; private set; }

    public List<string> Messages { get; } = [];

    public List<string> Problems { get; } = [];

    public bool Supervisor => User.IsSupervisor();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Opening the queues without a choice brings back the last one.
        if (Request.RouteValues["queue"] is null && Request.QueryString.Value is null or "" && Request.Cookies[ChoiceCookie] is { Length: > 0 } saved && saved.StartsWith("/Queues/", StringComparison.Ordinal))
        {
            return LocalRedirect(saved);
        }

        Remember();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Supervisors allocate the ticked cases to one member of staff, each at the version shown.</summary>
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        var cases = Selected.Select(Parse).OfType<(long, int)>().ToList();
        if (AssignTo is not { } staffId || cases.Count == 0)
        {
            Problems.Add(text["BulkNothingChosen"]);
        }
        else
        {
            var results = await work.AssignManyAsync(cases, User.ToActor(), staffId, cancellationToken);
            var assigned = results.Count(r => r.Result.Succeeded);
            if (assigned > 0)
            {
                Messages.Add(text["BulkAssigned", assigned]);
            }

            // Each refused case by the number staff know it by, with the reason and who holds it now.
            var refused = results.Where(r => !r.Result.Succeeded).ToList();
            var ids = refused.Select(r => r.Id).ToList();
            var known = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.ReferenceNumber, a.AssigneeName }).ToDictionaryAsync(a => a.Id, cancellationToken);
            Problems.AddRange(refused.Select(r => known.TryGetValue(r.Id, out var found)
                ? text["BulkRefused", found.ReferenceNumber, text.Explain(r.Result.Error!, found.AssigneeName)].Value
                : text["BulkRefused", r.Id, text.Explain(r.Result.Error!, null)].Value));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>This page's address with some values changed (tabs, sorting, paging keep the rest).</summary>
    public string Link(QueueKind? queue = null, QueueSort? sort = null, string? after = null, string? before = null, bool keepPage = false)
    {
        var values = new Dictionary<string, string?>
        {
            ["Procedure"] = Procedure?.ToString(CultureInfo.InvariantCulture),
            ["Status"] = queue is null ? Status?.ToString() : null,
            ["Office"] = Office?.ToString(CultureInfo.InvariantCulture),
            ["Assignee"] = Assignee?.ToString(),
            ["From"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Q"] = Q,
            ["Sort"] = (sort ?? Sort) == QueueSort.Received ? null : (sort ?? Sort).ToString(),
            ["Size"] = Size == 20 ? null : Size.ToString(CultureInfo.InvariantCulture),
            ["After"] = after ?? (keepPage ? After : null),
            ["Before"] = before ?? (keepPage ? Before : null),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/Queues/{queue ?? Queue}", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>Bulk allocation posts back to this very view (queue, filters, page), which is shown again after it.</summary>
    public string AssignAction => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Link(keepPage: true), "handler", "Assign");

    public Ageing AgeingOf(QueueRow row) => deadlines.AgeingOf(row.Stage, row.DueAt, Now);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var me = User.ToActor().Id;
        var filter = new QueueFilter { ProcedureId = Procedure, Status = Status, OfficeId = Office, AssigneeId = Assignee, ReceivedFrom = From, ReceivedTo = To, Text = Q };
        Result = await queues.PageAsync(new QueueRequest(Queue, filter, Sort, me, Size) { After = After, Before = Before }, cancellationToken);
        Counts = await queues.CountsAsync(me, overdue, cancellationToken);
        var lists = await choices.GetAsync(CultureInfo.CurrentUICulture, cancellationToken);
        Procedures = lists.Procedures;
        Offices = lists.Offices;
        Staff = lists.Staff;
    }

    private void Remember() =>
        Response.Cookies.Append(ChoiceCookie, Link(keepPage: false), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Expires = clock.GetUtcNow().AddDays(30), Path = "/",
        });

    private static (long, int)? Parse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (id, version)
            : null;
    }
}
