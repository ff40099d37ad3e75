using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Rasens.Data.Hosting;
using Rasens.Data.Persistence;
using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

public abstract class SchemaMigratorTests(TestDatabase database)
{
    [Fact]
    public void Scripts_AreNumberedWithoutGapsForBothEngines()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var versions = SchemaMigrator.Scripts(provider).Select(s => s.Version).ToList();
            Assert.NotEmpty(versions);
            Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        }

        Assert.Equal(
            SchemaMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name),
            SchemaMigrator.Scripts(DatabaseProvider.PostgreSql).Select(s => s.Name));
    }

    [Fact]
    public async Task Migrate_SecondRun_AppliesNothingAndHistoryHasEveryScriptOnce()
    {
        await using var db = database.CreateContext();

        var applied = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(applied);
        var history = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM schema_history ORDER BY version").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(SchemaMigrator.Scripts(database.Provider).Select(s => s.Name), history);
    }

    [Fact]
    public async Task Migrate_TwoAppsStartingAtOnce_BothSucceedAndEachScriptRunsOnce()
    {
        var target = database.NewSibling();
        await using var _ = target;
        await target.CreateEmptyAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = target.CreateContext();
            return await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).MigrateAsync();
        })));

        Assert.Equal(SchemaMigrator.Scripts(target.Provider).Count, runs.Sum(r => r.Count));
        await using var check = target.CreateContext();
        Assert.Equal(0, await check.Applications.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Migrate_ScriptChangedAfterItWasApplied_StopsWithAClearMessage()
    {
        var fresh = database.NewSibling();
        await using var _ = fresh;
        await fresh.InitializeAsync();
        await using var db = fresh.CreateContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE schema_history SET checksum = 'edited' WHERE version = 1", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<StartupException>(() => new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).MigrateAsync());

        Assert.Contains("0001_initial_schema.sql was changed after it was applied", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SchemaMigratorTests_Sqlite(SqliteTestDatabase database) : SchemaMigratorTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class SchemaMigratorTests_Postgres(PostgresTestDatabase database) : SchemaMigratorTests(database), IClassFixture<PostgresTestDatabase>;
