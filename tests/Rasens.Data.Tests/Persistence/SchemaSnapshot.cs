using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using Rasens.Data.Hosting;
using Rasens.Data.Persistence;
using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

/// <summary>
/// A database's schema as a sorted list of plain lines — tables, columns (type, nullability, default),
/// keys, indexes, foreign keys — read from the engine's own catalogue, so two databases built
/// different ways can be compared line by line.
/// </summary>
internal static class SchemaSnapshot
{
    /// <param name="postgresSchema">On PostgreSQL, the schema to read: the model's tables are in public, Quartz's in quartz.</param>
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database, string postgresSchema = "public")
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var queries = database.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteQueries,
            DatabaseProvider.PostgreSql => PostgresQueries(postgresSchema),
        };
        var lines = new List<string>();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(Line(reader));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(DbDataReader reader) =>
        string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));

    private const string History = SchemaMigrator.HistoryTable;

    private static readonly string[] SqliteQueries =
    [
        $"""
        SELECT 'column', m.name, p.name, p.type, p."notnull", p.pk, p.dflt_value
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '{History}'
        """,
        $"""
        SELECT 'index', m.name, il.name, il."unique", il.origin, il.partial,
               (SELECT group_concat(ii.name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii)
        FROM sqlite_master m JOIN pragma_index_list(m.name) il
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '{History}'
        """,
        $"""
        SELECT 'foreign key', m.name, f."table", f."from", f."to", f.on_delete, f.on_update
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '{History}'
        """,
        $"SELECT 'sql', name, sql FROM sqlite_master WHERE type IN ('index', 'table') AND name NOT LIKE 'sqlite_%' AND name <> '{History}' AND sql IS NOT NULL AND type = 'index'",
    ];

    private static string[] PostgresQueries(string schema) =>
    [
        $"""
        SELECT 'column', table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
        FROM information_schema.columns
        WHERE table_schema = '{schema}' AND table_name <> '{History}'
        """,
        $"""
        SELECT 'index', tablename, indexname, indexdef
        FROM pg_indexes WHERE schemaname = '{schema}' AND tablename <> '{History}'
        """,
        $"""
        SELECT 'constraint', conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
        FROM pg_constraint
        WHERE connamespace = '{schema}'::regnamespace AND conrelid::regclass::text <> '{History}'
        """,
    ];
}
