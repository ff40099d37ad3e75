using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Rasens.Data.Applications;

/// <summary>The Workbench's queues (issue 5), each a preset filter over the cases.</summary>
public enum QueueKind
{
    New = 1,
    Mine = 2,
    UnderReview = 3,
    Returned = 4,
    AwaitingIssuance = 5,
    ToRegister = 6,
    RegistrationErrors = 7,
    Overdue = 8,
    All = 9,
}

public enum QueueSort
{
    /// <summary>Oldest first: the order cases should be worked in.</summary>
    Received = 1,
    ReceivedNewest = 2,
    Due = 3,
    Reference = 4,
    Name = 5,
}

/// <summary>What every queue can be narrowed by.</summary>
public sealed record QueueFilter
{
    public int? ProcedureId { get; init; }

    public ApplicationStatus? Status { get; init; }

    public int? OfficeId { get; init; }

    public Guid? AssigneeId { get; init; }

    public DateOnly? ReceivedFrom { get; init; }

    public DateOnly? ReceivedTo { get; init; }

    /// <summary>Any of the case's numbers, a residence card number, or the start of the applicant's name.</summary>
    public string? Text { get; init; }
}

/// <summary>A page request: keyset cursors (<see cref="After"/> for the next page, <see cref="Before"/> for the previous one).</summary>
public sealed record QueueRequest(QueueKind Queue, QueueFilter Filter, QueueSort Sort, Guid Me, int Size = 20)
{
    public string? After { get; init; }

    public string? Before { get; init; }

    public static readonly int[] Sizes = [20, 50, 100];
}

public sealed record QueueRow(
    long Id, int Version, string ReferenceNumber, string? TemporaryReceptionNumber, string? ReceptionNumber, string? NotificationReceiptNumber,
    int ProcedureId, Workflow Workflow, ApplicationStatus Status, CaseStage Stage, string ApplicantName, string? ResidenceCardNumber,
    int OfficeId, Guid? AssigneeId, string? AssigneeName, DateTime SubmittedAt, DateTime? DueAt);

/// <summary>One page: its rows, the cursors of the pages either side (null at an end).</summary>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, string? Next, string? Previous);

/// <summary>
/// Reads the queues with keyset paging: a page starts after (or before) the sort key of the row at its edge, so
/// page 1,000 costs what page 1 costs, and a case arriving meanwhile never shifts or repeats rows. Each queue
/// reads from an index that matches its filter and order (New and My cases: stage, holder, received; status
/// queues: status, received; Overdue: stage, deadline). Counts come from <see cref="CaseCount"/>, never a scan.
/// </summary>
public sealed class CaseQueues(RasensDbContext db, TimeProvider clock)
{
    public async Task<QueuePage> PageAsync(QueueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = QueueRequest.Sizes.Contains(request.Size) ? request.Size : QueueRequest.Sizes[0];
        var cases = Filtered(Base(request.Queue, request.Me), request.Filter);
        var backwards = request.Before is not null && request.After is null;
        var cursor = Cursor.Parse(backwards ? request.Before : request.After);
        var ordered = Order(cases, request.Sort, cursor, backwards, unheld: request.Queue == QueueKind.New);
        var rows = await ordered.Take(size + 1)
            .Select(a => new QueueRow(a.Id, a.Version, a.ReferenceNumber, a.TemporaryReceptionNumber, a.ReceptionNumber, a.NotificationReceiptNumber,
                a.ProcedureId, a.Workflow, a.Status, a.Stage, a.ApplicantName, a.ResidenceCardNumber, a.OfficeId, a.AssigneeId, a.AssigneeName,
                a.SubmittedAt, a.DueAt))
            .ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        // Going forward, a previous page exists if we came from one; going back, a next page always does.
        var hasNext = backwards ? rows.Count > 0 : more;
        var hasPrevious = backwards ? more : cursor is not null;
        return new QueuePage(
            rows,
            hasNext && rows.Count > 0 ? Cursor.Of(rows[^1], request.Sort) : null,
            hasPrevious && rows.Count > 0 ? Cursor.Of(rows[0], request.Sort) : null);
    }

    /// <summary>How many cases each queue holds, from the counts table (and the overdue count, at most a minute old).</summary>
    public async Task<IReadOnlyDictionary<QueueKind, long>> CountsAsync(Guid me, OverdueCount overdue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        var mine = CaseCount.KeyOf(me);
        var rows = await db.CaseCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync(cancellationToken);
        long Sum(Func<CaseCount, bool> which) => rows.Where(which).Sum(c => c.Count);
        return new Dictionary<QueueKind, long>
        {
            [QueueKind.New] = Sum(c => c.AssigneeKey.Length == 0 && Application.StageOf(c.Status) == CaseStage.Active),
            [QueueKind.Mine] = Sum(c => c.AssigneeKey == mine && !c.Status.IsFinal()),
            [QueueKind.UnderReview] = Sum(c => c.Status == ApplicationStatus.UnderReview && c.Workflow == Workflow.Application),
            [QueueKind.Returned] = Sum(c => c.Status == ApplicationStatus.InReturnProcess && c.Workflow == Workflow.Application),
            [QueueKind.AwaitingIssuance] = Sum(c => c.Status == ApplicationStatus.AwaitingIssuance && c.Workflow == Workflow.Application),
            [QueueKind.ToRegister] = Sum(c => c.Status == ApplicationStatus.ApplicationCompleted && c.Workflow == Workflow.Notification),
            [QueueKind.RegistrationErrors] = Sum(c => c.Status == ApplicationStatus.RegistrationError && c.Workflow == Workflow.Notification),
            [QueueKind.Overdue] = await overdue.GetAsync(cancellationToken),
            [QueueKind.All] = Sum(_ => true),
        };
    }

    /// <summary>Other cases of the same applicant, or with the same residence card number.</summary>
    public async Task<IReadOnlyList<QueueRow>> RelatedAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var card = application.ResidenceCardNumber;
        return await db.Applications.AsNoTracking()
            .Where(a => a.Id != application.Id && (a.ApplicantId == application.ApplicantId || (card != null && a.ResidenceCardNumber == card)))
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .Take(20)
            .Select(a => new QueueRow(a.Id, a.Version, a.ReferenceNumber, a.TemporaryReceptionNumber, a.ReceptionNumber, a.NotificationReceiptNumber,
                a.ProcedureId, a.Workflow, a.Status, a.Stage, a.ApplicantName, a.ResidenceCardNumber, a.OfficeId, a.AssigneeId, a.AssigneeName,
                a.SubmittedAt, a.DueAt))
            .ToListAsync(cancellationToken);
    }

    private IQueryable<Application> Base(QueueKind queue, Guid me)
    {
        var cases = db.Applications.AsNoTracking();
        var now = clock.GetUtcNow().UtcDateTime;
        return queue switch
        {
            QueueKind.New => cases.Where(a => a.Stage == CaseStage.Active && a.AssigneeId == null),
            QueueKind.Mine => cases.Where(a => a.AssigneeId == me && a.Stage != CaseStage.Closed),
            QueueKind.UnderReview => cases.Where(a => a.Status == ApplicationStatus.UnderReview && a.Workflow == Workflow.Application),
            QueueKind.Returned => cases.Where(a => a.Status == ApplicationStatus.InReturnProcess && a.Workflow == Workflow.Application),
            QueueKind.AwaitingIssuance => cases.Where(a => a.Status == ApplicationStatus.AwaitingIssuance && a.Workflow == Workflow.Application),
            QueueKind.ToRegister => cases.Where(a => a.Status == ApplicationStatus.ApplicationCompleted && a.Workflow == Workflow.Notification),
            QueueKind.RegistrationErrors => cases.Where(a => a.Status == ApplicationStatus.RegistrationError && a.Workflow == Workflow.Notification),
            QueueKind.Overdue => cases.Where(a => a.Stage == CaseStage.Active && a.DueAt <= now),
            QueueKind.All => cases,
        };
    }

    private static IQueryable<Application> Filtered(IQueryable<Application> cases, QueueFilter filter)
    {
        if (filter.ProcedureId is { } procedure)
        {
            cases = cases.Where(a => a.ProcedureId == procedure);
        }

        if (filter.Status is { } status)
        {
            cases = cases.Where(a => a.Status == status);
        }

        if (filter.OfficeId is { } office)
        {
            cases = cases.Where(a => a.OfficeId == office);
        }

        if (filter.AssigneeId is { } assignee)
        {
            cases = cases.Where(a => a.AssigneeId == assignee);
        }

        if (filter.ReceivedFrom is { } from)
        {
            var start = JapanDayStart(from);
            cases = cases.Where(a => a.SubmittedAt >= start);
        }

        if (filter.ReceivedTo is { } to)
        {
            var end = JapanDayStart(to.AddDays(1));
            cases = cases.Where(a => a.SubmittedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            // Numbers and card numbers match exactly (each has its own index); a name matches from its start,
            // written as a range so both engines read it from the name index.
            var text = filter.Text.Trim();
            var upper = text.ToUpperInvariant();
            var next = upper + "\uFFFF";
            cases = cases.Where(a => a.ReferenceNumber == text || a.TemporaryReceptionNumber == text || a.ReceptionNumber == text
                                     || a.NotificationReceiptNumber == text || a.ResidenceCardNumber == upper
                                     || (string.Compare(a.ApplicantName, upper) >= 0 && string.Compare(a.ApplicantName, next) < 0));
        }

        return cases;
    }

    /// <summary>
    /// Orders by the sort key and the id, starting after (or, backwards, before) the cursor. The bound is written
    /// as "key ≥ k and (key &gt; k or id &gt; i)" so the first half starts an index range instead of filtering a scan.
    /// </summary>
    private static IQueryable<Application> Order(IQueryable<Application> cases, QueueSort sort, Cursor? cursor, bool backwards, bool unheld)
    {
        var id = cursor?.Id ?? 0;
        switch (sort)
        {
            case QueueSort.Received or QueueSort.ReceivedNewest:
                var time = cursor?.Time ?? default;
                var ascending = (sort == QueueSort.Received) != backwards;
                if (cursor is not null)
                {
                    cases = ascending
                        ? cases.Where(a => a.SubmittedAt >= time && (a.SubmittedAt > time || a.Id > id))
                        : cases.Where(a => a.SubmittedAt <= time && (a.SubmittedAt < time || a.Id < id));
                }

                if (unheld)
                {
                    // No New case has a holder, so ordering by the holder first changes nothing; it lets PostgreSQL see that
                    // the (stage, assignee_id, submitted_at, id) index already holds the queue in received order. PostgreSQL
                    // takes "assignee_id IS NULL" as a filter, not as fixing the column the way "=" does, so without it the
                    // index order does not match the ORDER BY and it sorts the whole queue instead: a parallel scan of every
                    // case, 0.4 s per page at a million (issue 5 benchmark). SQLite uses the index either way.
                    return ascending
                        ? cases.OrderBy(a => a.AssigneeId).ThenBy(a => a.SubmittedAt).ThenBy(a => a.Id)
                        : cases.OrderByDescending(a => a.AssigneeId).ThenByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id);
                }

                return ascending ? cases.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id) : cases.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id);
            case QueueSort.Due:
                // Cases without a deadline (waiting or done) come last.
                var due = cursor?.Time ?? default;
                var never = DateTime.MaxValue;
                if (cursor is not null)
                {
                    cases = backwards
                        ? cases.Where(a => (a.DueAt ?? never) <= due && ((a.DueAt ?? never) < due || a.Id < id))
                        : cases.Where(a => (a.DueAt ?? never) >= due && ((a.DueAt ?? never) > due || a.Id > id));
                }

                return backwards ? cases.OrderByDescending(a => a.DueAt ?? never).ThenByDescending(a => a.Id) : cases.OrderBy(a => a.DueAt ?? never).ThenBy(a => a.Id);
            case QueueSort.Reference or QueueSort.Name:
                var text = cursor?.Text ?? "";
                if (sort == QueueSort.Reference)
                {
                    if (cursor is not null)
                    {
                        cases = backwards ? cases.Where(a => string.Compare(a.ReferenceNumber, text) < 0) : cases.Where(a => string.Compare(a.ReferenceNumber, text) > 0);
                    }

                    return backwards ? cases.OrderByDescending(a => a.ReferenceNumber) : cases.OrderBy(a => a.ReferenceNumber);
                }

                if (cursor is not null)
                {
                    cases = backwards
                        ? cases.Where(a => string.Compare(a.ApplicantName, text) <= 0 && (string.Compare(a.ApplicantName, text) < 0 || a.Id < id))
                        : cases.Where(a => string.Compare(a.ApplicantName, text) >= 0 && (string.Compare(a.ApplicantName, text) > 0 || a.Id > id));
                }

                return backwards ? cases.OrderByDescending(a => a.ApplicantName).ThenByDescending(a => a.Id) : cases.OrderBy(a => a.ApplicantName).ThenBy(a => a.Id);
        }

        throw new ArgumentOutOfRangeException(nameof(sort));
    }

    private static DateTime JapanDayStart(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - JapanTime.Offset;

    /// <summary>The sort key of a page's edge row and its id, as an opaque URL-safe string.</summary>
    private sealed record Cursor(long Id, DateTime Time, string Text)
    {
        public static string Of(QueueRow row, QueueSort sort)
        {
            var key = sort switch
            {
                QueueSort.Received or QueueSort.ReceivedNewest => row.SubmittedAt.Ticks.ToString(CultureInfo.InvariantCulture),
                QueueSort.Due => (row.DueAt ?? DateTime.MaxValue).Ticks.ToString(CultureInfo.InvariantCulture),
                QueueSort.Reference => row.ReferenceNumber,
                QueueSort.Name => row.ApplicantName,
            };
            var raw = string.Create(CultureInfo.InvariantCulture, $"{row.Id}|{key}");
            return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(raw));
        }

        /// <summary>A cursor that does not parse is treated as none: the first page.</summary>
        public static Cursor? Parse(string? value)
        {
            if (string.IsNullOrEmpty(value) || value.Length > 400)
            {
                return null;
            }

            try
            {
                var raw = Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
                var split = raw.IndexOf('|', StringComparison.Ordinal);
                if (split <= 0 || !long.TryParse(raw.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return null;
                }

                var key = raw[(split + 1)..];
                var time = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                    ? new DateTime(ticks, DateTimeKind.Utc)
                    : default;
                return new Cursor(id, time, key);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// The Overdue queue's count. Overdue-ness changes with the clock, not only with saves, so it cannot live in the
/// counts table; it is counted from the deadline index at most once a minute, shared by every request.
/// </summary>
public sealed class OverdueCount(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Count, DateTime At)? _last;

    public async Task<long> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_last is { } last && now - last.At < MaxAge)
        {
            return last.Count;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } again && now - again.At < MaxAge)
            {
                return again.Count;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RasensDbContext>();
            var count = await db.Applications.AsNoTracking().LongCountAsync(a => a.Stage == CaseStage.Active && a.DueAt <= now, cancellationToken);
            _last = (count, now);
            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget the cached count (tests, or after a bulk change).</summary>
    public void Invalidate() => _last = null;

    public void Dispose() => _gate.Dispose();
}
