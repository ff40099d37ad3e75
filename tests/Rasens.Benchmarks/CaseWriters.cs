using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Rasens.Data.Hosting;

namespace Rasens.Benchmarks;

/// <summary>
/// Bulk-loads case rows into <c>applications</c> on one engine. While loading, the table's secondary indexes (and on
/// PostgreSQL its foreign keys) are dropped and then re-created from the definitions the database itself reported
/// before the load, so the schema afterwards is exactly what SchemaMigrator made; building an index once from sorted
/// data is several times faster than updating twelve of them row by row.
/// </summary>
internal abstract class CaseWriter : IAsyncDisposable
{
    public static async Task<CaseWriter> OpenAsync(DatabaseSettings database)
    {
        CaseWriter writer = database.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteCaseWriter(database.ConnectionString),
            DatabaseProvider.PostgreSql => new PostgresCaseWriter(database.ConnectionString),
        };
        await writer.OpenAsync();
        return writer;
    }

    /// <summary>What the table has besides its primary key, as statements that re-create it (the same text both times).</summary>
    public IReadOnlyList<string> Structures { get; protected set; } = [];

    protected abstract Task OpenAsync();

    /// <summary>Drops the secondary indexes (and foreign keys) of <c>applications</c>, remembering how to re-create them.</summary>
    public abstract Task BeginAsync();

    public abstract void Write(IReadOnlyList<CaseRow> rows);

    /// <summary>Finishes the load and re-creates what <see cref="BeginAsync"/> dropped.</summary>
    public abstract Task EndAsync();

    public abstract ValueTask DisposeAsync();

    protected static void CheckColumns(IEnumerable<string> live)
    {
        var missing = live.Except(CaseRow.Columns.Append("id"), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new BenchmarkException($"applications has columns the seeder does not fill: {string.Join(", ", missing)}. Add them to CaseRow.");
        }
    }
}

/// <summary>One prepared INSERT, in transactions of 100,000 rows, with the file's syncing off during the load.</summary>
internal sealed class SqliteCaseWriter(string connectionString) : CaseWriter
{
    private const int RowsPerTransaction = 100_000;

    // Exactly how EF Core's SQLite provider stores these types (see RasensDbContext.ConfigureConventions): instants as
    // "yyyy-MM-dd HH:mm:ss.FFFFFFF" text, Guids as upper-case text, dates as ISO text, durations as ticks, enums by name.
    // A value written any other way would not match the same value sent as a query parameter.
    private const string InstantFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly SqliteConnection _connection = new(connectionString);
    private SqliteCommand? _insert;
    private SqliteTransaction? _transaction;
    private int _inTransaction;

    protected override async Task OpenAsync()
    {
        await _connection.OpenAsync();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
        var columns = new List<string>();
        using (var info = _connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('applications');";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        CheckColumns(columns);
        Structures = Indexes();
    }

    public override Task BeginAsync()
    {
        foreach (var name in IndexNames())
        {
            Execute($"DROP INDEX \"{name}\";");
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO applications ({string.Join(", ", CaseRow.Columns)}) VALUES ({string.Join(", ", CaseRow.Columns.Select((_, i) => $"$p{i}"))});";
        for (var i = 0; i < CaseRow.Columns.Length; i++)
        {
            _insert.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        }

        return Task.CompletedTask;
    }

    public override void Write(IReadOnlyList<CaseRow> rows)
    {
        var insert = _insert ?? throw new InvalidOperationException("BeginAsync first.");
        foreach (var row in rows)
        {
            if (_transaction is null)
            {
                _transaction = _connection.BeginTransaction();
                insert.Transaction = _transaction;
                insert.Prepare();
            }

            object?[] values =
            [
                row.ReferenceNumber, row.TemporaryReceptionNumber, row.ReceptionNumber, row.NotificationReceiptNumber, Text(row.SubmissionKey),
                row.ProcedureId, row.Workflow.ToString(), row.Status.ToString(), row.Stage.ToString(), Text(row.DueAt), Text(row.ApplicantId),
                row.OfficeId, row.ApplicantName, row.ResidenceCardNumber, row.Nationality,
                row.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.StatusOfResidenceCode, (int)row.Simultaneous,
                Text(row.SubmittedAt), Text(row.ReceivedAt), Text(row.DecidedAt), Text(row.CompletedAt), Text(row.StatusChangedAt),
                row.PausedDuration.Ticks, Text(row.AssigneeId), row.AssigneeName, Text(row.AssignedAt), row.FormVersion, row.Payload,
                row.CorrectionRound, row.Version,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
            if (++_inTransaction == RowsPerTransaction)
            {
                Commit();
            }
        }
    }

    public override Task EndAsync()
    {
        Commit();
        foreach (var statement in Structures)
        {
            Execute(statement);
        }

        var after = Indexes();
        if (!after.SequenceEqual(Structures, StringComparer.Ordinal))
        {
            throw new BenchmarkException("The indexes of applications differ from before the load.");
        }

        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _transaction?.Dispose();
        _insert?.Dispose();
        await _connection.DisposeAsync();
    }

    public static string? Text(DateTime? value) => value?.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static string? Text(Guid? value) => value?.ToString("D").ToUpperInvariant();

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
        _inTransaction = 0;
    }

    private List<string> IndexNames() => [.. Query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applications' AND sql IS NOT NULL ORDER BY name;")];

    private List<string> Indexes() => [.. Query("SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applications' AND sql IS NOT NULL ORDER BY name;")];

    private List<string> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}

/// <summary>Binary COPY (NpgsqlBinaryImporter) in one stream; indexes built afterwards with a generous maintenance memory.</summary>
internal sealed class PostgresCaseWriter(string connectionString) : CaseWriter
{
    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlBinaryImporter? _import;
    private List<(string Name, string Definition)> _indexes = [];
    private List<(string Name, string Definition)> _foreignKeys = [];

    protected override async Task OpenAsync()
    {
        await _connection.OpenAsync();
        await ExecuteAsync("SET maintenance_work_mem = '512MB';");
        CheckColumns((await QueryAsync("SELECT column_name::text, '' FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'applications';")).Select(c => c.Name));
        (_indexes, _foreignKeys) = await StructuresAsync();
        Structures = Describe(_indexes, _foreignKeys);
    }

    public override async Task BeginAsync()
    {
        foreach (var (name, _) in _foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE applications DROP CONSTRAINT {name};");
        }

        foreach (var (name, _) in _indexes)
        {
            await ExecuteAsync($"DROP INDEX {name};");
        }

        _import = await _connection.BeginBinaryImportAsync($"COPY applications ({string.Join(", ", CaseRow.Columns)}) FROM STDIN (FORMAT BINARY)");
        _import.Timeout = TimeSpan.FromHours(1);
    }

    public override void Write(IReadOnlyList<CaseRow> rows)
    {
        var import = _import ?? throw new InvalidOperationException("BeginAsync first.");
        foreach (var row in rows)
        {
            import.StartRow();
            Text(import, row.ReferenceNumber);
            Text(import, row.TemporaryReceptionNumber);
            Text(import, row.ReceptionNumber);
            Text(import, row.NotificationReceiptNumber);
            Uuid(import, row.SubmissionKey);
            import.Write(row.ProcedureId, NpgsqlDbType.Integer);
            Text(import, row.Workflow.ToString());
            Text(import, row.Status.ToString());
            Text(import, row.Stage.ToString());
            Instant(import, row.DueAt);
            import.Write(row.ApplicantId, NpgsqlDbType.Uuid);
            import.Write(row.OfficeId, NpgsqlDbType.Integer);
            Text(import, row.ApplicantName);
            Text(import, row.ResidenceCardNumber);
            Text(import, row.Nationality);
            if (row.DateOfBirth is { } born)
            {
                import.Write(born, NpgsqlDbType.Date);
            }
            else
            {
                import.WriteNull();
            }

            Text(import, row.StatusOfResidenceCode);
            import.Write((int)row.Simultaneous, NpgsqlDbType.Integer);
            Instant(import, row.SubmittedAt);
            Instant(import, row.ReceivedAt);
            Instant(import, row.DecidedAt);
            Instant(import, row.CompletedAt);
            Instant(import, row.StatusChangedAt);
            import.Write(row.PausedDuration.Ticks, NpgsqlDbType.Bigint);
            Uuid(import, row.AssigneeId);
            Text(import, row.AssigneeName);
            Instant(import, row.AssignedAt);
            import.Write(row.FormVersion, NpgsqlDbType.Integer);
            import.Write(row.Payload, NpgsqlDbType.Text);
            import.Write(row.CorrectionRound, NpgsqlDbType.Integer);
            import.Write(row.Version, NpgsqlDbType.Integer);
        }
    }

    public override async Task EndAsync()
    {
        if (_import is not null)
        {
            await _import.CompleteAsync();
            await _import.DisposeAsync();
            _import = null;
        }

        foreach (var (_, definition) in _indexes)
        {
            await ExecuteAsync(definition + ";");
        }

        foreach (var (name, definition) in _foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE applications ADD CONSTRAINT {name} {definition};");
        }

        var (indexes, foreignKeys) = await StructuresAsync();
        if (!Describe(indexes, foreignKeys).SequenceEqual(Structures, StringComparer.Ordinal))
        {
            throw new BenchmarkException("The indexes or foreign keys of applications differ from before the load.");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_import is not null)
        {
            await _import.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private static List<string> Describe(List<(string Name, string Definition)> indexes, List<(string Name, string Definition)> foreignKeys) =>
        [.. indexes.Select(i => i.Definition + ";"), .. foreignKeys.Select(f => $"ALTER TABLE applications ADD CONSTRAINT {f.Name} {f.Definition};")];

    private async Task<(List<(string, string)> Indexes, List<(string, string)> ForeignKeys)> StructuresAsync()
    {
        var indexes = await QueryAsync(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'applications' " +
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'applications'::regclass) ORDER BY indexname;");
        var foreignKeys = await QueryAsync(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'applications'::regclass AND contype = 'f' ORDER BY conname;");
        return (indexes, foreignKeys);
    }

    private static void Text(NpgsqlBinaryImporter import, string? value)
    {
        if (value is null)
        {
            import.WriteNull();
        }
        else
        {
            import.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static void Uuid(NpgsqlBinaryImporter import, Guid? value)
    {
        if (value is { } guid)
        {
            import.Write(guid, NpgsqlDbType.Uuid);
        }
        else
        {
            import.WriteNull();
        }
    }

    private static void Instant(NpgsqlBinaryImporter import, DateTime? value)
    {
        if (value is { } instant)
        {
            import.Write(DateTime.SpecifyKind(instant, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }
        else
        {
            import.WriteNull();
        }
    }

    private async Task<List<(string Name, string Definition)>> QueryAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
