using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;

namespace Rasens.Data.Tests.Persistence;

/// <summary>SQLite: every connection the context opens waits inside SQLite for another writer's lock.</summary>
public sealed class SqliteBusyTimeoutTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task ContextConnection_HasSqlitesOwnBusyTimeout()
    {
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal(5000L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheWriteLock_WaitsAndThenSucceeds()
    {
        var applicant = A.Applicant().Build();
        await using var other = new SqliteConnection(database.ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var db = database.CreateContext();
        db.Add(applicant);
        // Microsoft.Data.Sqlite's async methods run synchronously: the waiting write gets a thread of its own.
        var saving = Task.Run(() => db.SaveChangesAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(saving.IsCompleted);
        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await saving);
        await using var check = database.CreateContext();
        Assert.True(await check.ApplicantUsers.AnyAsync(u => u.Id == applicant.Id, TestContext.Current.CancellationToken));
    }
}
