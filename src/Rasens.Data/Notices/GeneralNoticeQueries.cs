namespace Rasens.Data.Notices;

public static class GeneralNoticeQueries
{
    /// <summary>The notices applicants may see at <paramref name="now"/>: published, and not yet expired.</summary>
    public static IQueryable<GeneralNotice> VisibleAt(this IQueryable<GeneralNotice> notices, DateTime now) =>
        notices.Where(n => n.PublishedAt <= now && (n.ExpiresAt == null || n.ExpiresAt > now));
}
