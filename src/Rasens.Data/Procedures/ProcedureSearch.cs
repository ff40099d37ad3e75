using Microsoft.EntityFrameworkCore;

namespace Rasens.Data.Procedures;

public enum ProcedureSort
{
    ReceptionStartNewest = 1,
    ReceptionStartOldest = 2,
}

/// <summary>The Online Application Procedures search (001 §7.1): keywords, synonyms, sort, items per page, page.</summary>
public sealed record ProcedureQuery(string? Keywords, bool Synonyms, ProcedureSort Sort, int PageSize, int Page, string Culture)
{
    public static readonly int[] PageSizes = [10, 20, 50];
}

public sealed record ProcedureHit(Procedure Procedure, ProcedureText Text);

public sealed record ProcedurePage(IReadOnlyList<ProcedureHit> Items, int Total, int Page, int PageCount);

/// <summary>
/// Every keyword (separated by spaces, full-width spaces too) must match the procedure's name or explanation
/// in the reader's language, case-insensitively. With "search for synonyms" a keyword also matches when one
/// of its synonyms (in either direction of the synonym table) does.
/// </summary>
public sealed class ProcedureSearch(RasensDbContext db)
{
    public async Task<ProcedurePage> SearchAsync(ProcedureQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keywords = (query.Keywords ?? "").Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var synonyms = query.Synonyms && keywords.Length > 0
            ? await db.SearchSynonyms.AsNoTracking().ToListAsync(cancellationToken)
            : [];
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.Texts).ToListAsync(cancellationToken);

        var hits = procedures
            .Select(p => new ProcedureHit(p, p.TextFor(query.Culture)!))
            .Where(h => keywords.All(k => Variants(k, synonyms).Any(v => Matches(h.Text, v))));
        hits = query.Sort switch
        {
            ProcedureSort.ReceptionStartNewest => hits.OrderByDescending(h => h.Procedure.ReceptionStartsAt).ThenBy(h => h.Procedure.SortOrder),
            ProcedureSort.ReceptionStartOldest => hits.OrderBy(h => h.Procedure.ReceptionStartsAt).ThenBy(h => h.Procedure.SortOrder),
        };
        var all = hits.ToList();
        var size = ProcedureQuery.PageSizes.Contains(query.PageSize) ? query.PageSize : 20;
        var pageCount = Math.Max(1, (all.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new ProcedurePage([.. all.Skip((page - 1) * size).Take(size)], all.Count, page, pageCount);
    }

    private static IEnumerable<string> Variants(string keyword, IReadOnlyList<SearchSynonym> synonyms)
    {
        yield return keyword;
        foreach (var synonym in synonyms)
        {
            if (string.Equals(synonym.Term, keyword, StringComparison.OrdinalIgnoreCase))
            {
                yield return synonym.Synonym;
            }
            else if (string.Equals(synonym.Synonym, keyword, StringComparison.OrdinalIgnoreCase))
            {
                yield return synonym.Term;
            }
        }
    }

    private static bool Matches(ProcedureText text, string keyword) =>
        text.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase) || text.Explanation.Contains(keyword, StringComparison.OrdinalIgnoreCase);
}
