using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rasens.Data.Events;

/// <summary>
/// The live connections of one app instance, each with the events it may receive and a watermark: the id of
/// the last event it has been sent (or has caught up to). Every send to a connection — a replay after
/// (re)connecting or a live dispatch — happens under that connection's own lock and only for ids above its
/// watermark, which only grows: so no connection is sent an event twice, or out of order, whichever path sends
/// it. Until a client asks to catch up (<see cref="ReplayAsync"/>) it is sent nothing live, so nothing is sent
/// that the client cannot place. One connection failing or going away never holds up or fails the others.
/// </summary>
public sealed partial class LiveConnections(LiveOptions options, ILogger<LiveConnections>? logger = null)
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<LiveConnections>.Instance;

    public int Count => _connections.Count;

    /// <summary>
    /// Registers a connection. <paramref name="abort"/> closes it when a send fails, so its client reconnects and
    /// replays what it missed rather than carrying on with a gap.
    /// </summary>
    public void Add(string connectionId, Func<LiveEvent, bool> accepts, Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> send, Action? abort = null) =>
        _connections[connectionId] = new Connection(accepts, send, abort);

    /// <summary>
    /// Forgets a connection. Its lock is not disposed: a dispatch or replay may be waiting on it or holding it
    /// right now, and finishes (sending nothing more) without affecting anyone else.
    /// </summary>
    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Closed = true;
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
            if (connection.Closed)
            {
                return false;
            }

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
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (entry, token) =>
        {
            var connection = entry.Value;
            await connection.Gate.WaitAsync(token);
            try
            {
                if (connection.Closed || connection.Watermark == long.MaxValue || connection.Watermark >= last)
                {
                    return; // gone, not caught up yet (its replay will include these), or had them already
                }

                var events = batch.Where(e => e.Id > connection.Watermark).Where(connection.Accepts).ToList();
                connection.Watermark = last;
                if (events.Count > 0)
                {
                    await connection.Send(events, token);
                }
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // Only this connection is affected: it is closed, and its client catches up when it reconnects.
                SendFailed(entry.Key, ex);
                connection.Abort?.Invoke();
            }
            finally
            {
                connection.Gate.Release();
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending live events to connection {ConnectionId} failed; its client catches up when it reconnects.")]
    private partial void SendFailed(string connectionId, Exception exception);

    private sealed class Connection(Func<LiveEvent, bool> accepts, Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> send, Action? abort)
    {
        /// <summary>Never disposed (it holds no wait handle unless asked for one): others may still be waiting on it.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Func<LiveEvent, bool> Accepts { get; } = accepts;

        public Func<IReadOnlyList<LiveEvent>, CancellationToken, Task> Send { get; } = send;

        public Action? Abort { get; } = abort;

        /// <summary>long.MaxValue until the client has caught up once.</summary>
        public long Watermark { get; set; } = long.MaxValue;

        /// <summary>Set when the connection is removed; read under <see cref="Gate"/>.</summary>
        public volatile bool Closed;
    }
}
