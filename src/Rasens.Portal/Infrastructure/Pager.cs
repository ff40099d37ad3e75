namespace Rasens.Portal.Infrastructure;

/// <summary>First / Previous / numbered pages / Next / Last (001 §5), for any paged list.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link)
{
    /// <summary>At most seven numbered pages around the current one.</summary>
    public IEnumerable<int> Numbers
    {
        get
        {
            var first = Math.Max(1, Math.Min(Page - 3, PageCount - 6));
            var last = Math.Min(PageCount, first + 6);
            return Enumerable.Range(first, last - first + 1);
        }
    }
}
