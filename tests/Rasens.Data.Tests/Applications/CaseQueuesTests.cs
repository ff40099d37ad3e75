using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>
/// The queues: membership, filters, keyset paging both ways, counts from the counts table; both engines. Each test
/// has a database of its own, since queues see every case.
/// </summary>
public abstract class CaseQueuesTests(TestDatabase database) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => database.InitializeAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static readonly DateTime Start = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Queues_EachHoldsItsCases_AndCountsAgree()
    {
        var (owner, examiner) = await PeopleAsync();
        var other = A.Staff().Build();
        await database.SeedAsync(other);
        var fresh = await SeedAsync(A.Case(owner), 0);
        var mine = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), 1);
        var theirs = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.AwaitingIssuance).HeldBy(other), 2);
        var returned = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner), 3);
        var toRegister = await SeedAsync(A.Case(owner).Notification().InStatus(ApplicationStatus.ApplicationCompleted).HeldBy(other), 4);
        var error = await SeedAsync(A.Case(owner).Notification().InStatus(ApplicationStatus.RegistrationError).HeldBy(other), 5);
        var done = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.Completed).HeldBy(examiner), 6);

        async Task<long[]> Ids(QueueKind queue) => [.. (await PageAsync(new QueueRequest(queue, new QueueFilter(), QueueSort.Received, examiner.Id))).Rows.Select(r => r.Id)];

        Assert.Equal([fresh.Id], await Ids(QueueKind.New));
        Assert.Equal([mine.Id, returned.Id], await Ids(QueueKind.Mine));
        Assert.Equal([mine.Id], await Ids(QueueKind.UnderReview));
        Assert.Equal([theirs.Id], await Ids(QueueKind.AwaitingIssuance));
        Assert.Equal([returned.Id], await Ids(QueueKind.Returned));
        Assert.Equal([toRegister.Id], await Ids(QueueKind.ToRegister));
        Assert.Equal([error.Id], await Ids(QueueKind.RegistrationErrors));
        Assert.Contains(done.Id, await Ids(QueueKind.All));
        await using var db = database.CreateContext();
        using var overdue = new OverdueCount(new SingleContext(database), TimeProvider.System);
        var counts = await new CaseQueues(db, TimeProvider.System).CountsAsync(examiner.Id, overdue, Ct);
        foreach (var queue in new[] { QueueKind.New, QueueKind.Mine, QueueKind.UnderReview, QueueKind.AwaitingIssuance, QueueKind.Returned, QueueKind.ToRegister, QueueKind.RegistrationErrors })
        {
            Assert.Equal((await Ids(queue)).Length, counts[queue]);
        }
    }

    [Fact]
    public async Task Overdue_CasesPastTheirWorkingDayDeadline_NotThoseWaitingForTheApplicant()
    {
        var (owner, examiner) = await PeopleAsync();
        // Submitted Thursday 1 October 2026; an extension has 30 working days, which skip weekends, Sports Day (12 Oct)
        // and Culture Day (3 Nov): due at the end of Monday 16 November, Japan time.
        var late = await SeedAsync(A.Case(owner).ForProcedure(ProcedureKind.ExtensionOfPeriodOfStay), 0);
        var waiting = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.InReturnProcess).HeldBy(examiner), 0);
        // Approved, waiting for hand-over: decided in time, so not overdue however long the hand-over takes.
        var approved = await SeedAsync(A.Case(owner).ForProcedure(ProcedureKind.ExtensionOfPeriodOfStay).InStatus(ApplicationStatus.AwaitingIssuance).HeldBy(examiner), 0);
        Assert.Equal(new DateTime(2026, 11, 16, 15, 0, 0, DateTimeKind.Utc), (await database.LoadCaseAsync(late.Id)).DueAt);
        Assert.Null((await database.LoadCaseAsync(waiting.Id)).DueAt);
        Assert.Null((await database.LoadCaseAsync(approved.Id)).DueAt);

        var before = await PageAsync(new QueueRequest(QueueKind.Overdue, new QueueFilter(), QueueSort.Due, examiner.Id), new DateTimeOffset(2026, 11, 16, 14, 59, 0, TimeSpan.Zero));
        var after = await PageAsync(new QueueRequest(QueueKind.Overdue, new QueueFilter(), QueueSort.Due, examiner.Id), new DateTimeOffset(2026, 11, 16, 15, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain(before.Rows, r => r.Id == late.Id);
        Assert.Contains(after.Rows, r => r.Id == late.Id);
        Assert.DoesNotContain(after.Rows, r => r.Id == waiting.Id);
        Assert.DoesNotContain(after.Rows, r => r.Id == approved.Id);
    }

    [Fact]
    public async Task Filters_NarrowByProcedureStatusOfficeHolderDatesAndText()
    {
        var (owner, examiner) = await PeopleAsync();
        var a = await SeedAsync(A.Case(owner).ForProcedure(ProcedureKind.ChangeOfStatusOfResidence), 0);
        var b = await SeedAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), 24 * 60);
        var c = await SeedAsync(A.Case(owner).Notification(), 2 * 24 * 60);
        var all = new QueueRequest(QueueKind.All, new QueueFilter(), QueueSort.Received, examiner.Id);
        async Task<long[]> Ids(QueueFilter filter) => [.. (await PageAsync(all with { Filter = filter })).Rows.Select(r => r.Id).Where(id => id == a.Id || id == b.Id || id == c.Id)];

        Assert.Equal([a.Id], await Ids(new QueueFilter { ProcedureId = (int)ProcedureKind.ChangeOfStatusOfResidence }));
        Assert.Equal([b.Id], await Ids(new QueueFilter { Status = ApplicationStatus.UnderReview }));
        Assert.Equal([b.Id], await Ids(new QueueFilter { AssigneeId = examiner.Id }));
        Assert.Equal([a.Id, b.Id, c.Id], await Ids(new QueueFilter { OfficeId = 3 }));
        Assert.Empty(await Ids(new QueueFilter { OfficeId = 10 }));
        Assert.Equal([b.Id], await Ids(new QueueFilter().WithDay(Start.AddDays(1))));
        Assert.Equal([b.Id, c.Id], await Ids(new QueueFilter { ReceivedFrom = new DateOnly(2026, 10, 2) }));
        Assert.Equal([b.Id], await Ids(new QueueFilter { Text = b.ReceptionNumber }));
        Assert.Equal([a.Id], await Ids(new QueueFilter { Text = a.TemporaryReceptionNumber }));
        Assert.Equal([c.Id], await Ids(new QueueFilter { Text = c.NotificationReceiptNumber }));
        Assert.Equal([a.Id], await Ids(new QueueFilter { Text = a.ReferenceNumber }));
        Assert.Equal([a.Id, b.Id, c.Id], await Ids(new QueueFilter { Text = owner.NameEnglish[..6].ToLowerInvariant() })); // the start of the name, any case
        Assert.Equal([a.Id, b.Id, c.Id], await Ids(new QueueFilter { Text = "ab12345678cd" })); // residence card number
        Assert.Empty(await Ids(new QueueFilter { Text = "NOBODY AT ALL" }));
    }

    [Theory]
    [InlineData(QueueSort.Received)]
    [InlineData(QueueSort.ReceivedNewest)]
    [InlineData(QueueSort.Due)]
    [InlineData(QueueSort.Reference)]
    [InlineData(QueueSort.Name)]
    public async Task Paging_ForwardAndBack_VisitsEveryCaseOnceInOrder(QueueSort sort)
    {
        var owner = A.Applicant().Build();
        await database.SeedAsync(owner);
        var seeded = new List<Application>();
        for (var i = 0; i < 45; i++)
        {
            // Pairs share a submission time, so ties are broken by id.
            seeded.Add(await SeedAsync(A.Case(owner), i / 2));
        }

        var request = new QueueRequest(QueueKind.New, new QueueFilter(), sort, Guid.Empty);
        var pages = new List<QueuePage> { await PageAsync(request) };
        while (pages[^1].Next is { } next)
        {
            pages.Add(await PageAsync(request with { After = next }));
        }

        Assert.Equal([20, 20, 5], pages.Select(p => p.Rows.Count));
        Assert.Null(pages[0].Previous);
        var visited = pages.SelectMany(p => p.Rows).Select(r => r.Id).ToList();
        Assert.Equal(seeded.Select(s => s.Id).Order(), visited.Order());
        Assert.Equal(visited.Count, visited.Distinct().Count());
        var back = await PageAsync(request with { Before = pages[2].Previous });
        Assert.Equal(pages[1].Rows.Select(r => r.Id), back.Rows.Select(r => r.Id));
        var first = await PageAsync(request with { Before = back.Previous });
        Assert.Equal(pages[0].Rows.Select(r => r.Id), first.Rows.Select(r => r.Id));
        Assert.Null(first.Previous);
    }

    [Fact]
    public async Task Paging_ACaseArrivingMeanwhile_NeitherRepeatsNorSkipsARow()
    {
        var owner = A.Applicant().Build();
        await database.SeedAsync(owner);
        for (var i = 0; i < 25; i++)
        {
            await SeedAsync(A.Case(owner), i);
        }

        var request = new QueueRequest(QueueKind.New, new QueueFilter(), QueueSort.Received, Guid.Empty);
        var first = await PageAsync(request);
        await SeedAsync(A.Case(owner), -1); // older than everything: it belongs on page 1 now
        var second = await PageAsync(request with { After = first.Next });

        Assert.Equal(5, second.Rows.Count);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
    }

    [Fact]
    public async Task Paging_AForgedCursor_IsTheFirstPage()
    {
        var (_, examiner) = await PeopleAsync();

        var page = await PageAsync(new QueueRequest(QueueKind.New, new QueueFilter(), QueueSort.Received, examiner.Id) { After = "not-a-cursor!!" });

        Assert.Null(page.Previous);
    }

    private async Task<(ApplicantUser Owner, StaffUser Examiner)> PeopleAsync()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, examiner);
        return (owner, examiner);
    }

    private Task<Application> SeedAsync(CaseBuilder builder, int minutes) => database.SeedCaseAsync(builder, Start.AddMinutes(minutes));

    private async Task<QueuePage> PageAsync(QueueRequest request, DateTimeOffset? now = null)
    {
        await using var db = database.CreateContext();
        return await new CaseQueues(db, new TestClock(now ?? new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero))).PageAsync(request, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Scopes that hand out contexts on the test database, for services that make their own.</summary>
    private sealed class SingleContext(TestDatabase database) : Microsoft.Extensions.DependencyInjection.IServiceScopeFactory
    {
        public Microsoft.Extensions.DependencyInjection.IServiceScope CreateScope() => new Scope(database.CreateContext());

        private sealed class Scope(RasensDbContext db) : Microsoft.Extensions.DependencyInjection.IServiceScope, IServiceProvider, IAsyncDisposable
        {
            public IServiceProvider ServiceProvider => this;

            public object? GetService(Type serviceType) => serviceType == typeof(RasensDbContext) ? db : null;

            public void Dispose() => db.Dispose();

            public ValueTask DisposeAsync() => db.DisposeAsync();
        }
    }
}

internal static class QueueFilterTestExtensions
{
    /// <summary>The Japan day of <paramref name="at"/> as both ends of the received range.</summary>
    public static QueueFilter WithDay(this QueueFilter filter, DateTime at)
    {
        var day = DateOnly.FromDateTime(JapanTime.FromUtc(at));
        return filter with { ReceivedFrom = day, ReceivedTo = day };
    }
}

public sealed class CaseQueuesTests_Sqlite() : CaseQueuesTests(new SqliteTestDatabase());

public sealed class CaseQueuesTests_Postgres() : CaseQueuesTests(new PostgresTestDatabase());
