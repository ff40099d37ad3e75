using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rasens.Data.Hosting;

namespace Rasens.Data.Persistence;

/// <summary>A forward-only schema script: db/&lt;provider&gt;/NNNN_description.sql.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// Applies the versioned scripts in order, each in its own transaction together with its row in
/// <c>schema_history</c>. Safe when both apps start at once: SQLite's write lock and a PostgreSQL
/// advisory lock make one of them wait. A script changed after it was applied stops start-up.
/// </summary>
public sealed class SchemaMigrator(RasensDbContext db, ILogger<SchemaMigrator> logger, TimeProvider clock)
{
    public const string HistoryTable = "schema_history";
    private const long AdvisoryLockKey = 73_656_001;

    public static IReadOnlyList<SchemaScript> Scripts(DatabaseProvider provider)
    {
        var folder = provider switch
        {
            DatabaseProvider.Sqlite => "db/sqlite/",
            DatabaseProvider.PostgreSql => "db/postgres/",
        };
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[folder.Length..]))
            .OrderBy(s => s.Version)];
    }

    /// <summary>Applies what is missing; returns the names of the scripts it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        var scripts = Scripts(provider);
        var applied = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the Portal read while the Workbench writes; it is a property of the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            foreach (var script in scripts)
            {
                // Read committed: after waiting for the lock, the history read must see what the other app committed
                // (a serializable snapshot would be taken before the lock and miss it). SQLite upgrades it to serializable.
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                if (provider == DatabaseProvider.PostgreSql)
                {
                    await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
                }

                await ExecuteAsync(connection, transaction, CreateHistoryTableSql(provider), cancellationToken);
                var recorded = await ReadChecksumAsync(connection, transaction, script.Version, cancellationToken);
                if (recorded is not null)
                {
                    if (!string.Equals(recorded, script.Checksum, StringComparison.Ordinal))
                    {
                        throw new StartupException(
                            $"Schema script {script.Name} was changed after it was applied to this database. Scripts are forward-only: add a new script instead.");
                    }

                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO {HistoryTable} (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a);";
                    AddParameter(insert, "@v", script.Version);
                    AddParameter(insert, "@n", script.Name);
                    AddParameter(insert, "@c", script.Checksum);
                    AddParameter(insert, "@a", clock.GetUtcNow().UtcDateTime.ToString("O"));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema script {Script}", script.Name);
                applied.Add(script.Name);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return applied;
    }

    private static string CreateHistoryTableSql(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);",
        DatabaseProvider.PostgreSql =>
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at text NOT NULL);",
    };

    private static async Task<string?> ReadChecksumAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT checksum FROM {HistoryTable} WHERE version = @v;";
        AddParameter(command, "@v", version);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static SchemaScript Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"Missing embedded script {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileName.AsSpan(0, underscore), out var version))
        {
            throw new InvalidOperationException($"Schema script {fileName} must be named NNNN_description.sql.");
        }

        return new SchemaScript(version, fileName, reader.ReadToEnd());
    }
}
