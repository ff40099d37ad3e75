namespace Rasens.Portal.Pages.Procedures;

/// <summary>Online Application Procedures (001 §4.1, §7.1): keyword search with synonyms, sort, items per page, paging.</summary>
[AllowAnonymous]
public sealed class IndexModel(ProcedureSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Keywords { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Synonyms { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProcedureSort Sort { get; set; } = ProcedureSort.ReceptionStartNewest;

    [BindProperty(SupportsGet = true)]
    public int Size { get; set; } = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ProcedurePage Result { get; private set; } = new([], 0, 1, 1);

    public static string Culture => CultureInfo.CurrentUICulture.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Keywords = Keywords?.Length > 200 ? Keywords[..200] : Keywords;
        Result = await search.SearchAsync(new ProcedureQuery(Keywords, Synonyms, Sort, Size, PageNumber, Culture), cancellationToken);
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageLink(int page) =>
        $"/Procedures?Keywords={Uri.EscapeDataString(Keywords ?? "")}&Synonyms={Synonyms}&Sort={Sort}&Size={Size}&p={page}";
}
