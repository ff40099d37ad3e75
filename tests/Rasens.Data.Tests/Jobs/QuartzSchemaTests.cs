using Npgsql;
using Quartz;
using Rasens.Data.Jobs;
using Rasens.Data.Tests.Persistence;
using Rasens.Testing;

namespace Rasens.Data.Tests.Jobs;

/// <summary>
/// The schema-drift idea for Quartz: db/postgres/0008_quartz_job_store.sql must make exactly the tables, columns,
/// keys and indexes that Quartz's own DDL (shipped inside Quartz.dll) makes for our table prefix. A Quartz upgrade
/// with another schema fails here until a new script is added.
/// </summary>
public sealed class QuartzSchemaTests(PostgresTestDatabase fromScripts) : IClassFixture<PostgresTestDatabase>
{
    private const string QuartzDdl = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    [Fact]
    public async Task Script_BuildsExactlyTheTablesOfQuartzsOwnDdl()
    {
        var fromQuartz = (PostgresTestDatabase)fromScripts.NewSibling();
        try
        {
            await fromQuartz.CreateEmptyAsync();
            await using (var connection = new NpgsqlConnection(fromQuartz.ConnectionString))
            {
                await connection.OpenAsync(Ct);
                await ExecuteAsync(connection, $"CREATE SCHEMA {RasensJobs.Schema}");
                foreach (var statement in QuartzStatements())
                {
                    await ExecuteAsync(connection, statement);
                }
            }

            var expected = await SchemaSnapshot.ReadAsync(fromQuartz, RasensJobs.Schema);
            var actual = await SchemaSnapshot.ReadAsync(fromScripts, RasensJobs.Schema);

            Assert.Contains(expected, line => line.StartsWith("column | qrtz_triggers | sched_name", StringComparison.Ordinal));
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0,
                $"db/postgres/0008_quartz_job_store.sql drifted from Quartz {typeof(IJob).Assembly.GetName().Version}'s DDL.\n"
                + $"Made by Quartz but not by the script:\n  {string.Join("\n  ", missing)}\nMade by the script but not by Quartz:\n  {string.Join("\n  ", extra)}");
        }
        finally
        {
            await fromQuartz.DisposeAsync();
        }
    }

    [Fact]
    public void Script_IsTakenFromTheQuartzVersionInUse()
    {
        Assert.Equal(new Version(4, 7, 3, 0), typeof(IJob).Assembly.GetName().Version);
        Assert.Contains(QuartzDdl, typeof(IJob).Assembly.GetManifestResourceNames());
    }

    /// <summary>Quartz's DDL with its placeholders filled as the job store fills them for our prefix.</summary>
    private static IEnumerable<string> QuartzStatements()
    {
        using var stream = typeof(IJob).Assembly.GetManifestResourceStream(QuartzDdl)
                           ?? throw new InvalidOperationException($"{QuartzDdl} is not in Quartz.dll any more.");
        using var reader = new StreamReader(stream);
        var unqualified = RasensJobs.TablePrefix[(RasensJobs.TablePrefix.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return reader.ReadToEnd()
            .Replace("{0}", RasensJobs.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", unqualified, StringComparison.Ordinal)
            .Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(statement => statement.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
