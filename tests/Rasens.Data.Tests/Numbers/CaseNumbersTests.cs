using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Data.Seeding;
using Rasens.Testing;

namespace Rasens.Data.Tests.Numbers;

/// <summary>
/// The number formats of DOMAIN §9 (CaseNumbers.cs) on both engines: each scoped by office, category and year as its
/// format says, counted from 1 without gaps, and within the manuals' 13 characters.
/// </summary>
public abstract class CaseNumbersTests(TestDatabase database)
{
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

    [Fact]
    public async Task Numbers_EachOfficeCategoryAndYear_CountOnTheirOwn()
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var numbers = new CaseNumbers(new NumberAllocator(db));
        // Years no other test of this class uses (the other picks one from 2030 to 2098).
        var year = new DateTime(2101, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var next = year.AddYears(1);
        var tokyo = ReferenceData.Offices.Single(o => o.Code == "TOKYO");
        var fukuoka = ReferenceData.Offices.Single(o => o.Code == "FUKUOKA");
        var extension = ReferenceData.Procedures().Single(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay);
        var change = ReferenceData.Procedures().Single(p => p.Kind == ProcedureKind.ChangeOfStatusOfResidence);

        Assert.Equal("東仮E01000001", await numbers.TemporaryReceptionNumberAsync(tokyo, extension, year, Ct));
        Assert.Equal("東仮E01000002", await numbers.TemporaryReceptionNumberAsync(tokyo, extension, year, Ct));
        Assert.Equal("東仮C01000001", await numbers.TemporaryReceptionNumberAsync(tokyo, change, year, Ct)); // another category
        Assert.Equal("福仮E01000001", await numbers.TemporaryReceptionNumberAsync(fukuoka, extension, year, Ct)); // another office
        Assert.Equal("東仮E02000001", await numbers.TemporaryReceptionNumberAsync(tokyo, extension, next, Ct)); // a new year starts again
        Assert.Equal("東オンE01000001", await numbers.ReceptionNumberAsync(tokyo, extension, year, Ct)); // reception is its own count
        Assert.Equal("福オンC01000001", await numbers.ReceptionNumberAsync(fukuoka, change, year, Ct));
        Assert.Equal("福認01000001", await numbers.CoeNumberAsync(fukuoka, year, Ct));
        Assert.Equal("東認01000001", await numbers.CoeNumberAsync(tokyo, year, Ct));
        // Reference and notification receipt numbers count per year across all offices.
        Assert.Equal(["210100000001", "210100000002", "210200000001"],
            [await numbers.ReferenceNumberAsync(year, Ct), await numbers.ReferenceNumberAsync(year.AddMonths(6), Ct), await numbers.ReferenceNumberAsync(next, Ct)]);
        Assert.Equal(["届0100000001", "届0200000001"], [await numbers.NotificationReceiptNumberAsync(year, Ct), await numbers.NotificationReceiptNumberAsync(next, Ct)]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class CaseNumbersTests_Sqlite(SqliteTestDatabase database) : CaseNumbersTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class CaseNumbersTests_Postgres(PostgresTestDatabase database) : CaseNumbersTests(database), IClassFixture<PostgresTestDatabase>;
