using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Rasens.Data;
using Rasens.Data.Hosting;
using Rasens.Data.Persistence;
using Rasens.Data.Seeding;
using Xunit;

namespace Rasens.Testing;

/// <summary>
/// A real, empty database built from the schema scripts, with reference data: a SQLite file or a
/// database of its own on the throwaway PostgreSQL server that ./test.sh starts.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public DatabaseSettings Settings => new(Provider, ConnectionString);

    public RasensDbContext CreateContext(TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<RasensDbContext>();
        RasensDataRegistration.Configure(builder, Settings);
        return new RasensDbContext(builder.Options, clock);
    }

    public virtual async ValueTask InitializeAsync()
    {
        await CreateEmptyAsync();
        await using var db = CreateContext();
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).MigrateAsync();
        await ReferenceData.EnsureAsync(db);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Another, independent empty database on the same engine.</summary>
    public abstract TestDatabase NewSibling();

    /// <summary>Creates the database with EF's own DDL from the model, without the scripts (for drift checks).</summary>
    public async Task InitializeFromModelAsync()
    {
        await CreateEmptyAsync();
        await using var db = CreateContext();
        await db.Database.EnsureCreatedAsync();
    }

    /// <summary>Adds rows in their own unit of work, e.g. the accounts a case needs.</summary>
    public async Task SeedAsync(params object[] entities)
    {
        await using var db = CreateContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>Creates the empty database the scripts are applied to.</summary>
    public abstract Task CreateEmptyAsync();

    public override string ToString() => Provider.ToString();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rasens-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath => Path.Combine(_folder, "rasens.db");

    public override TestDatabase NewSibling() => new SqliteTestDatabase();

    public override string ConnectionString => $"Data Source={FilePath};Default Timeout=30";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing test; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    public override Task CreateEmptyAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "RASENS_TEST_POSTGRES";
    private readonly string _name = $"rasens_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override TestDatabase NewSibling() => new PostgresTestDatabase();

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name, Pooling = true }.ConnectionString;

    /// <summary>The maintenance connection to the test server, from the environment ./test.sh sets.</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {ServerVariable} (e.g. Host=127.0.0.1;Port=55432;Username=postgres) or run ./test.sh, which starts one.");

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public override async Task CreateEmptyAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }
}
