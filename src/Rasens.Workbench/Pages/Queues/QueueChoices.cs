namespace Rasens.Workbench.Pages.Queues;

/// <summary>A member of staff the queue can be filtered by, or cases allocated to.</summary>
public sealed record StaffChoice(Guid Id, string DisplayName, StaffRole Role);

/// <summary>What the queue's filters and bulk allocation offer, with names in the request's language.</summary>
public sealed record QueueChoiceLists(IReadOnlyDictionary<int, string> Procedures, IReadOnlyDictionary<int, string> Offices, IReadOnlyList<StaffChoice> Staff);

/// <summary>
/// The procedures, offices and staff the queue page offers in its drop-downs, read at most once a minute and shared by
/// every request. They change only when an administrator edits them (seen within a minute), yet reading them on every
/// page was three of its five queries: with them shared the page serves about 60% more requests a second on
/// PostgreSQL (./bench.sh, issue 5). The lists only offer choices; allocating checks the chosen member of staff itself.
/// </summary>
public sealed class QueueChoices(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _last;

    public async Task<QueueChoiceLists> GetAsync(CultureInfo culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var snapshot = await SnapshotAsync(cancellationToken);
        var name = culture.Name;
        // Dictionaries keep insertion order here, which is the catalogue's sort order the drop-downs show.
        return new QueueChoiceLists(
            snapshot.Procedures.ToDictionary(p => p.Id, p => p.TextFor(name)?.Name ?? p.Code),
            snapshot.Offices.ToDictionary(o => o.Id, o => name.StartsWith("ja", StringComparison.Ordinal) ? o.NameJa : o.NameEn),
            snapshot.Staff);
    }

    /// <summary>Forget the lists (after an administrator changes procedures, offices or staff).</summary>
    public void Invalidate() => _last = null;

    public void Dispose() => _gate.Dispose();

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_last is { } last && Fresh(last, now))
        {
            return last;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } again && Fresh(again, now))
            {
                return again;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RasensDbContext>();
            var procedures = await db.Procedures.AsNoTracking().Include(p => p.Texts).OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
            var offices = await db.Offices.AsNoTracking().OrderBy(o => o.SortOrder).ToListAsync(cancellationToken);
            var staff = await db.StaffUsers.AsNoTracking().Where(s => s.IsActive && (s.Role == StaffRole.Examiner || s.Role == StaffRole.Supervisor))
                .OrderBy(s => s.DisplayName).Select(s => new StaffChoice(s.Id, s.DisplayName, s.Role)).ToListAsync(cancellationToken);
            var snapshot = new Snapshot(procedures, offices, staff, now);
            _last = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    // A clock set back (tests move it) makes the lists stale too, rather than fresh until it catches up.
    private static bool Fresh(Snapshot snapshot, DateTime now) => now >= snapshot.At && now - snapshot.At < MaxAge;

    private sealed record Snapshot(IReadOnlyList<Procedure> Procedures, IReadOnlyList<RegionalOffice> Offices, IReadOnlyList<StaffChoice> Staff, DateTime At);
}
