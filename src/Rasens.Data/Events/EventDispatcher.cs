using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rasens.Data.Hosting;

namespace Rasens.Data.Events;

/// <summary>
/// Each app instance's reader of the event outbox (Events/README.md): it reads new events in id order and hands
/// them to this instance's live connections. The database is the only channel between instances. On SQLite it
/// polls (<see cref="LiveOptions.PollInterval"/>); on PostgreSQL it LISTENs for the NOTIFY every event-writing
/// transaction sends at commit, and polls as a safety net. Its position is kept under the instance's name, so a
/// restarted instance resumes where it stopped (its clients, reconnecting, catch up on their own).
/// </summary>
public sealed partial class EventDispatcher(
    IServiceScopeFactory scopes, LiveConnections connections, LiveOptions options, DatabaseSettings database, string consumer, TimeProvider clock, ILogger<EventDispatcher> logger)
    : BackgroundService
{
    public const string Channel = "rasens_events";
    private const int Batch = 500;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last event id handed to the connections (for tests and diagnostics).</summary>
    public long Position { get; private set; }

    /// <summary>Completes once the dispatcher knows where it starts from; events after that point are dispatched.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Position = await StartingPointAsync(stoppingToken);
        _ready.TrySetResult();
        var saved = Position;
        var savedAt = clock.GetUtcNow();
        await using var signal = database.Provider == DatabaseProvider.PostgreSql ? new Listener(database.ConnectionString, options, logger) : null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (signal is null)
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(stoppingToken);
                }

                await DrainAsync(stoppingToken);
                if (Position != saved && clock.GetUtcNow() - savedAt >= SaveEvery)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<EventFeed>().SaveCursorAsync(consumer, Position, clock.GetUtcNow().UtcDateTime, stoppingToken);
                    (saved, savedAt) = (Position, clock.GetUtcNow());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database went away for a moment: nothing is lost, the next round reads from the same position.
                Failed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EventFeed>().SaveCursorAsync(consumer, Position, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var feed = scope.ServiceProvider.GetRequiredService<EventFeed>();
        while (true)
        {
            var batch = await feed.AfterAsync(Position, Batch, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await connections.DispatchAsync(batch, cancellationToken);
            Position = batch[^1].Id;
            if (batch.Count < Batch)
            {
                return;
            }
        }
    }

    private async Task<long> StartingPointAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var feed = scope.ServiceProvider.GetRequiredService<EventFeed>();
                return await feed.CursorAsync(consumer, cancellationToken) ?? await feed.LatestIdAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 30)
            {
                Failed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the event outbox failed; trying again.")]
    private partial void Failed(Exception exception);

    /// <summary>PostgreSQL LISTEN on its own connection; reconnects after a failure, and never waits longer than the safety interval.</summary>
    private sealed partial class Listener(string connectionString, LiveOptions options, ILogger logger) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = new NpgsqlConnection(connectionString);
                    await _connection.OpenAsync(cancellationToken);
                    await using var listen = new NpgsqlCommand($"LISTEN {Channel}", _connection);
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                    return; // read once now: anything committed before we listened
                }

                await _connection.WaitAsync(options.NotifySafetyInterval, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or InvalidOperationException)
            {
                Lost(logger, ex);
                await DisposeAsync();
                await Task.Delay(options.PollInterval, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "The LISTEN connection to PostgreSQL was lost; polling until it is back.")]
        private static partial void Lost(ILogger logger, Exception exception);
    }
}
