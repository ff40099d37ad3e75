using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Events;
using Rasens.Data.Hosting;
using Rasens.Testing;

namespace Rasens.Data.Tests.Events;

/// <summary>The steps the live channel's tests share on their database: people and cases, changes, the feed, replay and dispatch.</summary>
internal sealed class LiveHarness(TestDatabase database)
{
    public async Task<(ApplicantUser Owner, ApplicantUser Other, Actor Examiner)> PeopleAsync()
    {
        var owner = A.Applicant().Build();
        var other = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, other, examiner);
        return (owner, other, examiner.ToActor());
    }

    public async Task<Application> SeedAsync(CaseBuilder builder)
    {
        var application = builder.Build();
        await database.SeedAsync(application);
        return application;
    }

    public async Task ChangeAsync(long id, Func<Application, Result> change)
    {
        await using var db = database.CreateContext();
        Assert.True(change(await db.Applications.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken)).Succeeded);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task<long> LatestAsync()
    {
        await using var db = database.CreateContext();
        return await new EventFeed(db).LatestIdAsync(TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<long>> EventsAfterAsync(long afterId)
    {
        await using var db = database.CreateContext();
        return [.. (await new EventFeed(db).AfterAsync(afterId, 1000, TestContext.Current.CancellationToken)).Select(e => e.Id)];
    }

    public async Task<bool> ReplayAsync(LiveConnections registry, string connection, long afterId)
    {
        await using var db = database.CreateContext();
        return await registry.ReplayAsync(connection, afterId, new EventFeed(db), TestContext.Current.CancellationToken);
    }

    public async Task DispatchAllAsync(LiveConnections registry, long afterId)
    {
        await using var db = database.CreateContext();
        await registry.DispatchAsync(await new EventFeed(db).AfterAsync(afterId, 1000, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<ApplicationStatus>> StatusesAsync(IReadOnlyList<long> ids)
    {
        await using var db = database.CreateContext();
        var events = await db.OutboxEvents.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        return [.. events.Select(e => Enum.Parse<ApplicationStatus>(LiveMessages.ToApplicant(new LiveEvent(e.Id, e.Type, e.ApplicationId, e.ApplicantId, e.OfficeId, e.CreatedAt, e.Payload)).Status!))];
    }

    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddDbContext<RasensDbContext>(builder => RasensDataRegistration.Configure(builder, database.Settings));
        services.AddScoped<EventFeed>();
        return services.BuildServiceProvider();
    }

    public static Task Enqueue(ConcurrentQueue<long> sent, IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events)
        {
            sent.Enqueue(e.Id);
        }

        return Task.CompletedTask;
    }
}
