using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Procedures;

namespace Rasens.Data.Applications;

public enum CaseSort
{
    SubmittedNewest = 1,
    SubmittedOldest = 2,
}

/// <summary>The applicant's status list search (001 §5): related information, procedure keywords, application date range.</summary>
public sealed record CaseListQuery(
    Guid ApplicantId, string? Related, string? ProcedureKeywords, DateOnly? From, DateOnly? To, CaseSort Sort, int PageSize, int Page, string Culture)
{
    public static readonly int[] PageSizes = [10, 20, 50, 100];
}

public sealed record CaseListItem(
    long Id, int ProcedureId, string ProcedureName, string ReferenceNumber, string? TemporaryReceptionNumber, string? ReceptionNumber,
    string? NotificationReceiptNumber, string ApplicantName, DateTime SubmittedAt, ApplicationStatus Status);

public sealed record CaseListPage(IReadOnlyList<CaseListItem> Items, int Total, int Page, int PageCount, DateTime AsOf);

/// <summary>
/// An applicant's own cases and nothing else: every query starts from the applicant's id, so another
/// applicant's case is never found, whatever is searched for.
/// </summary>
public sealed class ApplicantCases(RasensDbContext db, TimeProvider clock)
{
    public async Task<CaseListPage> SearchAsync(CaseListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.Texts).ToListAsync(cancellationToken);
        var names = procedures.ToDictionary(p => p.Id, p => p.TextFor(query.Culture)?.Name ?? p.Code);
        var cases = db.Applications.AsNoTracking().Where(a => a.ApplicantId == query.ApplicantId);

        var keywords = Words(query.ProcedureKeywords);
        if (keywords.Length > 0)
        {
            var matching = names.Where(n => keywords.All(k => n.Value.Contains(k, StringComparison.OrdinalIgnoreCase))).Select(n => n.Key).ToList();
            cases = cases.Where(a => matching.Contains(a.ProcedureId));
        }

        if (!string.IsNullOrWhiteSpace(query.Related))
        {
            var related = query.Related.Trim();
            var upper = related.ToUpperInvariant();
            cases = cases.Where(a => a.ReferenceNumber == related || a.TemporaryReceptionNumber == related || a.ReceptionNumber == related
                                     || a.NotificationReceiptNumber == related || a.ApplicantName.Contains(upper));
        }

        if (query.From is { } from)
        {
            var start = JapanDayStart(from);
            cases = cases.Where(a => a.SubmittedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = JapanDayStart(to.AddDays(1));
            cases = cases.Where(a => a.SubmittedAt < end);
        }

        cases = query.Sort switch
        {
            CaseSort.SubmittedNewest => cases.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id),
            CaseSort.SubmittedOldest => cases.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id),
        };
        var total = await cases.CountAsync(cancellationToken);
        var size = CaseListQuery.PageSizes.Contains(query.PageSize) ? query.PageSize : 20;
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await cases.Skip((page - 1) * size).Take(size)
            .Select(a => new { a.Id, a.ProcedureId, a.ReferenceNumber, a.TemporaryReceptionNumber, a.ReceptionNumber, a.NotificationReceiptNumber, a.ApplicantName, a.SubmittedAt, a.Status })
            .ToListAsync(cancellationToken);
        return new CaseListPage(
            [.. rows.Select(r => new CaseListItem(r.Id, r.ProcedureId, names[r.ProcedureId], r.ReferenceNumber, r.TemporaryReceptionNumber, r.ReceptionNumber,
                r.NotificationReceiptNumber, r.ApplicantName, r.SubmittedAt, r.Status))],
            total, page, pageCount, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>How far back "reuse past applications" looks (001 §7.3).</summary>
    public static readonly TimeSpan ReuseWindow = TimeSpan.FromDays(730);

    /// <summary>The applicant's own cases of <paramref name="procedureId"/> from the last two years, newest first, optionally one number.</summary>
    public async Task<IReadOnlyList<CaseListItem>> ReusableAsync(Guid applicantId, int procedureId, string? number, string procedureName, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - ReuseWindow;
        var cases = db.Applications.AsNoTracking().Where(a => a.ApplicantId == applicantId && a.ProcedureId == procedureId && a.SubmittedAt >= since);
        if (!string.IsNullOrWhiteSpace(number))
        {
            var n = number.Trim();
            cases = cases.Where(a => a.ReferenceNumber == n || a.NotificationReceiptNumber == n || a.ReceptionNumber == n || a.TemporaryReceptionNumber == n);
        }

        var rows = await cases.OrderByDescending(a => a.SubmittedAt).Take(50)
            .Select(a => new { a.Id, a.ProcedureId, a.ReferenceNumber, a.TemporaryReceptionNumber, a.ReceptionNumber, a.NotificationReceiptNumber, a.ApplicantName, a.SubmittedAt, a.Status })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CaseListItem(r.Id, r.ProcedureId, procedureName, r.ReferenceNumber, r.TemporaryReceptionNumber, r.ReceptionNumber,
            r.NotificationReceiptNumber, r.ApplicantName, r.SubmittedAt, r.Status))];
    }

    /// <summary>The payload of one reusable case (own, same procedure, within two years), or null.</summary>
    public async Task<string?> ReusablePayloadAsync(Guid applicantId, int procedureId, long id, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - ReuseWindow;
        return await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.ApplicantId == applicantId && a.ProcedureId == procedureId && a.SubmittedAt >= since)
            .Select(a => a.Payload)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The applicant's own case with its history, or null (someone else's case is "not found").</summary>
    public Task<Application?> FindOwnAsync(Guid applicantId, long id, CancellationToken cancellationToken = default) =>
        db.Applications.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id && a.ApplicantId == applicantId, cancellationToken);

    /// <summary>Reads a date typed as yyyymmdd (the manuals' format) or yyyy-mm-dd (a date picker).</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static DateTime JapanDayStart(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - JapanTime.Offset;

    private static string[] Words(string? text) =>
        (text ?? "").Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
