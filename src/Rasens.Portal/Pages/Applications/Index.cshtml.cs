namespace Rasens.Portal.Pages.Applications;

/// <summary>Application situation confirmation (001 §5, 002 §5.1): the applicant's own cases, searched, sorted and paged.</summary>
/// <remarks>Every settable property is the search as typed, from the query string.</remarks>
[BindProperties(SupportsGet = true)]
public sealed class IndexModel(ApplicantCases cases, UserManager<ApplicantUser> users) : PageModel
{
    public string? Related { get; set; }

    public string? Keywords { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public CaseSort Sort { get; set; } = CaseSort.SubmittedNewest;

    public int Size { get; set; } = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CaseListPage Result { get; private set; } = new([], 0, 1, 1, default);

    /// <summary>Which date field could not be read, if any; the search then ignores it and says so.</summary>
    public string? BadDate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var from = ApplicantCases.ParseDate(From);
        var to = ApplicantCases.ParseDate(To);
        BadDate = !string.IsNullOrWhiteSpace(From) && from is null ? nameof(From) : !string.IsNullOrWhiteSpace(To) && to is null ? nameof(To) : null;
        Result = await cases.SearchAsync(
            new CaseListQuery(Guid.Parse(users.GetUserId(User)!), Limit(Related), Limit(Keywords), from, to, Sort, Size, PageNumber, CultureInfo.CurrentUICulture.Name),
            cancellationToken);
    }

    public string PageLink(int page) =>
        $"/Applications?Related={Uri.EscapeDataString(Related ?? "")}&Keywords={Uri.EscapeDataString(Keywords ?? "")}&From={Uri.EscapeDataString(From ?? "")}&To={Uri.EscapeDataString(To ?? "")}&Sort={Sort}&Size={Size}&p={page}";

    private static string? Limit(string? text) => text?.Length > 100 ? text[..100] : text;
}
