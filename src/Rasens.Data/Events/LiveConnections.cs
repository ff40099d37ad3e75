using System.Collections.Concurrent;

namespace Rasens.Data.Events;

/// <summary>
/// The live connections of one app instance, each with the events it may receive and a watermark: the id of
/// the last event it has been sent (or has caught up to). Every send to a connection — a replay after
/// (re)connecting or a live dispatch — happens under that connection's own lock and only for ids above its
/// watermark, which only grows: so no connection is sent an event twice, or out of order, whichever path sends
/// it. Until a client asks to catch up (<see cref="ReplayAsync"/>) it is sent nothing live, so nothing is sent
/// that the client cannot place.
/// </summary>
public sealed class LiveConnections(LiveOptions options)
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(string connectionId, Func<LiveEvent, bool> accepts, Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> send) =>
        _connections[connectionId] = new Connection(accepts, send);

    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>
    /// Sends the connection everything it may receive after <paramref name="afterId"/>, then lets live dispatch
    /// carry on from there. False when the gap cannot be filled (events deleted, or too many): the client
    /// refreshes its page instead.
    /// </summary>
    public async Task<bool> ReplayAsync(string connectionId, long afterId, EventFeed feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        await connection.Gate.WaitAsync(cancellationToken);
        try
        {
            // Everything up to the latest id is visible now (ids follow commit order); anything later is live dispatch's.
            var latest = await feed.LatestIdAsync(cancellationToken);
            var from = Math.Clamp(afterId, 0, latest);
            if (connection.Watermark != long.MaxValue)
            {
                from = Math.Max(from, connection.Watermark);
            }

            var missed = await feed.BetweenAsync(from, latest, options.MaxReplay + 1, cancellationToken);
            var caughtUp = from >= await feed.PrunedThroughAsync(cancellationToken) && missed.Count <= options.MaxReplay;
            var mine = caughtUp ? missed.Where(connection.Accepts).ToList() : [];
            if (mine.Count > 0)
            {
                await connection.Send(mine, cancellationToken);
            }

            connection.Watermark = connection.Watermark == long.MaxValue ? latest : Math.Max(connection.Watermark, latest);
            return caughtUp;
        }
        finally
        {
            connection.Gate.Release();
        }
    }

    /// <summary>Sends a batch just read from the outbox to every connection that may receive it and has not had it.</summary>
    public async Task DispatchAsync(IReadOnlyList<LiveEvent> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        var last = batch[^1].Id;
        await Parallel.ForEachAsync(_connections.Values, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (connection, token) =>
        {
            await connection.Gate.WaitAsync(token);
            try
            {
                if (connection.Watermark == long.MaxValue || connection.Watermark >= last)
                {
                    return; // not caught up yet (its replay will include these), or had them already
                }

                var events = batch.Where(e => e.Id > connection.Watermark).Where(connection.Accepts).ToList();
                connection.Watermark = last;
                if (events.Count > 0)
                {
                    await connection.Send(events, token);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A connection that cannot be written to is closing; its client catches up when it reconnects.
            }
            finally
            {
                connection.Gate.Release();
            }
        });
    }

    private sealed class Connection(Func<LiveEvent, bool> accepts, Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> send) : IDisposable
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Func<LiveEvent, bool> Accepts { get; } = accepts;

        public Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> Send { get; } = send;

        /// <summary>long.MaxValue until the client has caught up once.</summary>
        public long Watermark { get; set; } = long.MaxValue;

        public void Dispose() => Gate.Dispose();
    }
}
