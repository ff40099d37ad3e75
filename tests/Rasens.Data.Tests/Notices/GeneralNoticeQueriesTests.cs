using Microsoft.EntityFrameworkCore;
using Rasens.Data.Notices;
using Rasens.Testing;

namespace Rasens.Data.Tests.Notices;

/// <summary>Which general notices applicants see at a moment (GeneralNoticeQueries.cs), translated to SQL on both engines.</summary>
public abstract class GeneralNoticeQueriesTests(TestDatabase database)
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task VisibleAt_Now_IsWhatIsPublishedAndNotYetExpired()
    {
        var published = A.Notice(Now.AddDays(-1)).Build();
        var publishedNow = A.Notice(Now).Build();
        var notYet = A.Notice(Now.AddMinutes(1)).Build();
        var expiresLater = A.Notice(Now.AddDays(-1)).ExpiringAt(Now.AddMinutes(1)).Build();
        var expiresNow = A.Notice(Now.AddDays(-1)).ExpiringAt(Now).Build();
        var expired = A.Notice(Now.AddDays(-10)).ExpiringAt(Now.AddDays(-1)).Build();
        await database.SeedAsync(published, publishedNow, notYet, expiresLater, expiresNow, expired);
        var ids = new[] { published, publishedNow, notYet, expiresLater, expiresNow, expired }.Select(n => n.Id).ToList();

        await using var db = database.CreateContext();
        var visible = await db.GeneralNotices.VisibleAt(Now).Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { published.Id, publishedNow.Id, expiresLater.Id }.Order(), visible.Order());
    }
}

public sealed class GeneralNoticeQueriesTests_Sqlite(SqliteTestDatabase database) : GeneralNoticeQueriesTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class GeneralNoticeQueriesTests_Postgres(PostgresTestDatabase database) : GeneralNoticeQueriesTests(database), IClassFixture<PostgresTestDatabase>;
