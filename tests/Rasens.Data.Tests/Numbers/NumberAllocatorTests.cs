using System.Collections.Concurrent;
using Rasens.Data.Numbers;
using Rasens.Testing;

namespace Rasens.Data.Tests.Numbers;

/// <summary>Gap-free numbers per scope inside the caller's transaction (NumberAllocator.cs), on both engines.</summary>
public abstract class NumberAllocatorTests(TestDatabase database)
{
    [Fact]
    public async Task Next_ManyTransactionsAtOnce_GivesEveryNumberOnceWithoutGaps()
    {
        var scope = $"test:{Guid.NewGuid():N}";
        var taken = new ConcurrentBag<long>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            taken.Add(await new NumberAllocator(db).NextAsync(scope, ct));
            await transaction.CommitAsync(ct);
        });

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), taken.Order());
    }

    [Fact]
    public async Task Next_TransactionRolledBack_GivesTheNumberBack()
    {
        var scope = $"test:{Guid.NewGuid():N}";
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, await new NumberAllocator(db).NextAsync(scope, TestContext.Current.CancellationToken));
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        await using var again = database.CreateContext();
        await using var second = await again.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await new NumberAllocator(again).NextAsync(scope, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Next_OutsideATransaction_Throws()
    {
        await using var db = database.CreateContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new NumberAllocator(db).NextAsync("test:none", TestContext.Current.CancellationToken));
    }
}

public sealed class NumberAllocatorTests_Sqlite(SqliteTestDatabase database) : NumberAllocatorTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class NumberAllocatorTests_Postgres(PostgresTestDatabase database) : NumberAllocatorTests(database), IClassFixture<PostgresTestDatabase>;
