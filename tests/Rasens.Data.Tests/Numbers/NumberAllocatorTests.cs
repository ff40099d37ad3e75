using System.Collections.Concurrent;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Data.Seeding;
using Rasens.Testing;

namespace Rasens.Data.Tests.Numbers;

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

    [Fact]
    public async Task CaseNumbers_FollowTheFormatsAndFitThirteenCharacters()
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var numbers = new CaseNumbers(new NumberAllocator(db));
        // A year of its own keeps this test independent of other tests' numbers in the shared database.
        var now = new DateTime(2000 + Random.Shared.Next(30, 99), 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var yy = (now.Year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var tokyo = ReferenceData.Offices.Single(o => o.Code == "TOKYO");
        var extension = ReferenceData.Procedures().Single(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay);

        Assert.Equal($"{now.Year}00000001", await numbers.ReferenceNumberAsync(now, TestContext.Current.CancellationToken));
        Assert.Equal($"東仮E{yy}000001", await numbers.TemporaryReceptionNumberAsync(tokyo, extension, now, TestContext.Current.CancellationToken));
        Assert.Equal($"東オンE{yy}000001", await numbers.ReceptionNumberAsync(tokyo, extension, now, TestContext.Current.CancellationToken));
        Assert.Equal($"東オンE{yy}000002", await numbers.ReceptionNumberAsync(tokyo, extension, now, TestContext.Current.CancellationToken));
        Assert.Equal($"届{yy}00000001", await numbers.NotificationReceiptNumberAsync(now, TestContext.Current.CancellationToken));
        var coe = await numbers.CoeNumberAsync(tokyo, now, TestContext.Current.CancellationToken);
        Assert.Equal($"東認{yy}000001", coe);
        Assert.All(new[] { coe, $"東オンE{yy}000002" }, n => Assert.True(n.Length <= 13, n));
    }
}

public sealed class NumberAllocatorTests_Sqlite(SqliteTestDatabase database) : NumberAllocatorTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class NumberAllocatorTests_Postgres(PostgresTestDatabase database) : NumberAllocatorTests(database), IClassFixture<PostgresTestDatabase>;
