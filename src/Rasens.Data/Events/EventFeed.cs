using Microsoft.EntityFrameworkCore;

namespace Rasens.Data.Events;

/// <summary>One stored event as the live channel carries it. <see cref="Payload"/> is the event's JSON.</summary>
public sealed record LiveEvent(long Id, string Type, long? ApplicationId, Guid? ApplicantId, int? OfficeId, DateTime CreatedAt, string Payload);

/// <summary>
/// Reads the event outbox in id order. Ids are handed out in commit order (SQLite has one writer; on
/// PostgreSQL writers of events take one advisory lock until they commit, see <see cref="RasensDbContext"/>),
/// so a reader that has seen event n will never later find an event below n: "after n" loses nothing.
/// </summary>
public sealed class EventFeed(RasensDbContext db)
{
    /// <summary>The consumer name under which housekeeping records the last event it deleted.</summary>
    public const string PrunedMarker = "(pruned)";

    public async Task<IReadOnlyList<LiveEvent>> AfterAsync(long afterId, int max, CancellationToken cancellationToken = default) =>
        await db.OutboxEvents.AsNoTracking().Where(e => e.Id > afterId).OrderBy(e => e.Id).Take(max)
            .Select(e => new LiveEvent(e.Id, e.Type, e.ApplicationId, e.ApplicantId, e.OfficeId, e.CreatedAt, e.Payload))
            .ToListAsync(cancellationToken);

    /// <summary>Events after <paramref name="afterId"/> up to and including <paramref name="throughId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<LiveEvent>> BetweenAsync(long afterId, long throughId, int max, CancellationToken cancellationToken = default) =>
        await db.OutboxEvents.AsNoTracking().Where(e => e.Id > afterId && e.Id <= throughId).OrderBy(e => e.Id).Take(max)
            .Select(e => new LiveEvent(e.Id, e.Type, e.ApplicationId, e.ApplicantId, e.OfficeId, e.CreatedAt, e.Payload))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The newest event id there has been. When housekeeping has deleted every event that is the pruned-through
    /// mark, not 0: a page that starts from it has no gap, so it need not refresh.
    /// </summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken = default) =>
        await db.OutboxEvents.AsNoTracking().MaxAsync(e => (long?)e.Id, cancellationToken) ?? await PrunedThroughAsync(cancellationToken);

    /// <summary>The highest id housekeeping has deleted; a client that last saw an event below it has a gap it cannot fill.</summary>
    public async Task<long> PrunedThroughAsync(CancellationToken cancellationToken = default) =>
        await db.EventCursors.AsNoTracking().Where(c => c.Consumer == PrunedMarker).Select(c => (long?)c.LastEventId).SingleOrDefaultAsync(cancellationToken) ?? 0;

    public async Task<long?> CursorAsync(string consumer, CancellationToken cancellationToken = default) =>
        await db.EventCursors.AsNoTracking().Where(c => c.Consumer == consumer).Select(c => (long?)c.LastEventId).SingleOrDefaultAsync(cancellationToken);

    public async Task SaveCursorAsync(string consumer, long lastEventId, DateTime now, CancellationToken cancellationToken = default)
    {
        var cursor = await db.EventCursors.SingleOrDefaultAsync(c => c.Consumer == consumer, cancellationToken);
        if (cursor is null)
        {
            db.EventCursors.Add(new EventCursor { Consumer = consumer, LastEventId = lastEventId, UpdatedAt = now });
        }
        else if (cursor.LastEventId < lastEventId)
        {
            cursor.LastEventId = lastEventId;
            cursor.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes events older than <paramref name="before"/> and records how far it deleted.</summary>
    public async Task<int> PruneAsync(DateTime before, DateTime now, CancellationToken cancellationToken = default)
    {
        var last = await db.OutboxEvents.AsNoTracking().Where(e => e.CreatedAt < before).MaxAsync(e => (long?)e.Id, cancellationToken);
        if (last is not { } through)
        {
            return 0;
        }

        // The marker first: a client that replays meanwhile is told to refresh rather than handed a gap.
        await SaveCursorAsync(PrunedMarker, through, now, cancellationToken);
        return await db.OutboxEvents.Where(e => e.Id <= through).ExecuteDeleteAsync(cancellationToken);
    }
}
