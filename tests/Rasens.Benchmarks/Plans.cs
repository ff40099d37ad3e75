using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rasens.Data.Applications;
using Rasens.Data.Hosting;

namespace Rasens.Benchmarks;

/// <summary>
/// The query plans of what the measured pages ask the database: each page's CaseQueues query and the queue counts,
/// captured as EF sends them (SQL and parameters, through an interceptor) and explained by the engine itself
/// (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN (ANALYZE, BUFFERS)). Each gets a verdict: does it read
/// <c>applications</c> through an index, or scan the whole table? Also the query's own time, in process.
/// </summary>
internal static partial class Plans
{
    private const int TimedRuns = 30;

    public static async Task<string> ReportAsync(DatabaseSettings database, IReadOnlyList<Target> targets)
    {
        var capture = new Capture();
        var report = new StringBuilder();
        await using var db = BenchDatabase.Context(database, capture);
        var queues = new CaseQueues(db, TimeProvider.System);
        report.AppendLine(CultureInfo.InvariantCulture, $"### Query plans ({database.Provider})").AppendLine();

        foreach (var target in targets)
        {
            capture.Commands.Clear();
            await queues.PageAsync(target.Request);
            var query = capture.Commands.Single();
            var median = await MedianAsync(() => queues.PageAsync(target.Request));
            await ExplainAsync(report, database, $"{target.Name}: `{Shorten(target.Path)}`", query, median);
        }

        // Every other tab's first page too: not part of the requirement, but staff open them all.
        report.AppendLine("#### Every tab's first page (not measured with wrk; for information)").AppendLine();
        report.AppendLine("| tab | verdict | query median ms | access path |").AppendLine("|---|---|---:|---|");
        foreach (var tab in Enum.GetValues<QueueKind>())
        {
            var request = new QueueRequest(tab, new QueueFilter(), QueueSort.Received, targets[0].Request.Me, Targets.PageSize);
            capture.Commands.Clear();
            await queues.PageAsync(request);
            var query = capture.Commands.Single();
            var median = await MedianAsync(() => queues.PageAsync(request));
            var lines = await PlanAsync(database, query);
            var path = lines.Select(l => CostPattern().Replace(l, "").Replace("->", "", StringComparison.Ordinal).Trim()).Where(l => l.Contains("Scan", StringComparison.Ordinal) || l.StartsWith("SCAN", StringComparison.Ordinal)
                                                               || l.StartsWith("SEARCH", StringComparison.Ordinal) || l.Contains("B-TREE", StringComparison.Ordinal)
                                                               || l.StartsWith("Sort Key", StringComparison.Ordinal));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {tab} | {Verdict(database, query, lines)} | {median.TotalMilliseconds:F2} | {string.Join(" · ", path).Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        report.AppendLine();

        // The counts every queue page shows: the counts table, and the overdue count (from the deadline index, at most once a minute).
        capture.Commands.Clear();
        await using var services = BenchDatabase.Services(database, capture);
        using var overdue = new OverdueCount(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var me = targets[0].Request.Me;
        await queues.CountsAsync(me, overdue);
        var counted = capture.Commands.ToList();
        var countsMedian = await MedianAsync(() => queues.CountsAsync(me, overdue));
        await ExplainAsync(report, database, "queue counts (every page): `case_counts`", counted[0], countsMedian);
        await ExplainAsync(report, database, "Overdue count (at most once a minute, shared by all requests)", counted[1], null);
        return report.ToString();
    }

    private static async Task<TimeSpan> MedianAsync(Func<Task> run)
    {
        for (var i = 0; i < 5; i++)
        {
            await run();
        }

        var times = new List<TimeSpan>();
        for (var i = 0; i < TimedRuns; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task ExplainAsync(StringBuilder report, DatabaseSettings database, string title, Captured command, TimeSpan? median)
    {
        var lines = await PlanAsync(database, command);
        report.AppendLine(CultureInfo.InvariantCulture, $"#### {title}").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Verdict: {Verdict(database, command, lines)}.{(median is { } t ? string.Create(CultureInfo.InvariantCulture, $" Query time in process: median {t.TotalMilliseconds:F2} ms of {TimedRuns}.") : "")}").AppendLine();
        report.AppendLine("```sql").AppendLine(command.Sql.Trim()).AppendLine("```");
        if (command.Parameters.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Parameters: {string.Join(", ", command.Parameters.Select(p => $"{p.ParameterName} = {Format(p.Value)}"))}").AppendLine();
        }

        report.AppendLine("```").AppendJoin('\n', lines).AppendLine().AppendLine("```").AppendLine();
    }

    private static Task<List<string>> PlanAsync(DatabaseSettings database, Captured command) => database.Provider switch
    {
        DatabaseProvider.Sqlite => ExplainSqliteAsync(database.ConnectionString, command),
        DatabaseProvider.PostgreSql => ExplainPostgresAsync(database.ConnectionString, command),
    };

    /// <summary>Whether the plan reads the cases table, and if so whether only through an index or by scanning all of it.</summary>
    private static string Verdict(DatabaseSettings database, Captured command, List<string> lines)
    {
        var alias = AliasPattern().Match(command.Sql) is { Success: true } m ? m.Groups[1].Value : "applications";
        var reads = ReadsPattern().IsMatch(command.Sql);
        var scans = database.Provider == DatabaseProvider.Sqlite
            ? lines.Any(l => Regex.IsMatch(l.Trim(), $"^SCAN ({Regex.Escape(alias)}|applications)$"))
            : lines.Any(l => l.Contains("Seq Scan on applications", StringComparison.Ordinal));
        return !reads ? "does not read `applications` at all"
            : scans ? "**FULL SCAN of `applications`**"
            : "reads `applications` through an index only (no full scan)";
    }

    private static async Task<List<string>> ExplainSqliteAsync(string connectionString, Captured command)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var p in command.Parameters)
        {
            explain.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value));
        }

        // Rows are (id, parent, notused, detail); indent each detail under its parent as the sqlite3 shell does.
        var depth = new Dictionary<long, int> { [0] = -1 };
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var level = depth.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
            depth[reader.GetInt64(0)] = level;
            lines.Add(new string(' ', level * 2) + reader.GetString(3));
        }

        return lines;
    }

    private static async Task<List<string>> ExplainPostgresAsync(string connectionString, Captured command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Sql, connection);
        foreach (var p in command.Parameters)
        {
            explain.Parameters.Add(((NpgsqlParameter)p.Original).Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static string Shorten(string path) => path.Length > 60 ? path[..57] + "…" : path;

    private static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s}'",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex("\"?applications\"? AS \"?(\\w+)\"?")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"\s*\((cost|actual)[^)]*\)")]
    private static partial Regex CostPattern();

    [GeneratedRegex("(FROM|JOIN)\\s+\"?applications\"?\\s")]
    private static partial Regex ReadsPattern();

    internal sealed record Captured(string Sql, IReadOnlyList<CapturedParameter> Parameters);

    internal sealed record CapturedParameter(string ParameterName, object? Value, DbParameter Original);

    /// <summary>Records every query EF sends (text and parameters) before it runs.</summary>
    private sealed class Capture : DbCommandInterceptor
    {
        public List<Captured> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            lock (Commands)
            {
                Commands.Add(new Captured(command.CommandText,
                    [.. command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(p.ParameterName, p.Value, p is NpgsqlParameter n ? n.Clone() : p))]));
            }
        }
    }
}
