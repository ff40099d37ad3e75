using Rasens.Data.Events;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>What each app is sent about an event (LiveMessages.cs), on a real database, both engines.</summary>
public abstract class LiveMessagesTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Messages_NameTheCaseByItsReferenceNumber_InBothApps()
    {
        var (owner, _, examiner) = await Live.PeopleAsync();
        var application = await Live.SeedAsync(A.Case(owner));
        await Live.ChangeAsync(application.Id, c => c.Claim(examiner, Now));
        await Live.ChangeAsync(application.Id, c => c.Receive(examiner, "東オンE26000007", Now));

        await using var db = database.CreateContext();
        var events = await new EventFeed(db).AfterAsync(0, 1000, Ct);
        var applicant = events.Where(e => LiveMessages.ForApplicant(e, owner.Id)).Select(LiveMessages.ToApplicant).ToList();
        var staff = events.Select(LiveMessages.ToStaff).ToList();

        Assert.Equal(["case.submitted", "case.status-changed"], applicant.Select(m => m.Type));
        Assert.Equal(["case.submitted", "case.claimed", "case.status-changed"], staff.Select(m => m.Type));
        Assert.All(applicant.Concat(staff), m => Assert.Equal((application.Id, application.ReferenceNumber), (m.CaseId!.Value, m.ReferenceNumber)));
    }

    private static readonly DateTime Now = DateTime.UtcNow;

    private LiveHarness Live => new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class LiveMessagesTests_Sqlite() : LiveMessagesTests(new SqliteTestDatabase());

public sealed class LiveMessagesTests_Postgres() : LiveMessagesTests(new PostgresTestDatabase());
