using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rasens.Data.Persistence;

/// <summary>
/// Lets SQLite itself wait for another writer's lock (PRAGMA busy_timeout) on every connection the context opens.
/// Without it Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep, so two processes writing
/// at once (the Workbench deciding, the Portal saving its dispatch position, an e-mail being marked sent) delayed
/// each other by multiples of 150 ms; SQLite's own handler retries within a few milliseconds of the lock's release.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public static SqliteBusyTimeout Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
