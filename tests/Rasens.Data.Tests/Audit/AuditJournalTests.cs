using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Data.Tests.Audit;

/// <summary>
/// The audit journal (AuditJournal.cs): an entry goes into the caller's unit of work and commits with it, on both
/// engines; a refusal is written as its code and message, and its code read back from them.
/// </summary>
public abstract class AuditJournalTests(TestDatabase database)
{
    private static readonly DateTime At = new(2026, 11, 24, 1, 2, 3, DateTimeKind.Utc);

    [Fact]
    public async Task Record_WithACase_IsSavedWithTheCallersChangeAndNamesTheCase()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, examiner);
        var application = A.Case(owner).Build();
        await database.SeedAsync(application);
        var actor = examiner.ToActor();

        await using (var db = database.CreateContext())
        {
            var entry = db.Record(actor, "case.note", AuditOutcome.Succeeded, At, details: "メモ", applicationId: application.Id, remoteAddress: "192.0.2.7");
            Assert.Equal(EntityState.Added, db.Entry(entry).State); // not saved by itself
            await using (var other = database.CreateContext())
            {
                Assert.False(await other.AuditEntries.AnyAsync(a => a.ApplicationId == application.Id, Ct));
            }

            await db.SaveChangesAsync(Ct);
        }

        await using var check = database.CreateContext();
        var stored = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.ApplicationId == application.Id, Ct);
        Assert.Equal((At, ActorRole.Examiner, (Guid?)examiner.Id, examiner.DisplayName), (stored.At, stored.ActorRole, stored.ActorId, stored.ActorName));
        Assert.Equal(("case.note", AuditOutcome.Succeeded, "メモ", "192.0.2.7"), (stored.Action, stored.Outcome, stored.Details, stored.RemoteAddress));
        Assert.Equal(("application", application.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (stored.EntityType, stored.EntityId));
    }

    [Fact]
    public async Task Record_WithoutACaseOrSomeoneKnown_NamesNeither()
    {
        await using var db = database.CreateContext();
        var anonymous = new Actor(ActorRole.Anonymous, Guid.Empty, "NOBODY00001");

        var entry = db.Record(anonymous, "applicant.sign-in", AuditOutcome.Refused, At);
        await db.SaveChangesAsync(Ct);

        await using var check = database.CreateContext();
        var stored = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id, Ct);
        Assert.Null(stored.ActorId);
        Assert.Equal("NOBODY00001", stored.ActorName);
        Assert.Null(stored.ApplicationId);
        Assert.Null(stored.EntityType);
        Assert.Null(stored.EntityId);
        Assert.Null(stored.Details);
    }

    [Fact]
    public async Task Record_DetailsLongerThan4000Characters_AreCutAt4000()
    {
        await using var db = database.CreateContext();

        var entry = db.Record(Actor.System, "test.long", AuditOutcome.Refused, At, details: new string('詳', 4000) + "切られる");
        await db.SaveChangesAsync(Ct);

        await using var check = database.CreateContext();
        Assert.Equal(new string('詳', 4000), (await check.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id, Ct)).Details);
    }

    [Fact]
    public void RefusalDetails_OfAnError_AreItsCodeThenItsMessage()
    {
        Assert.Equal("case.stale: The case was changed meanwhile.", AuditJournal.RefusalDetails(new Error("case.stale", "The case was changed meanwhile.")));
    }

    [Theory]
    [InlineData("case.stale: The case was changed meanwhile.", "case.stale")]
    [InlineData("case.not-holder: Held by 統括: since 10:00", "case.not-holder")] // only the first colon ends the code
    [InlineData("case.stale", "case.stale")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void RefusalCode_OfDetails_IsTheCodeAtTheirStart(string? details, string code)
    {
        Assert.Equal(code, AuditJournal.RefusalCode(details));
    }

    [Fact]
    public void RefusalCode_OfRefusalDetails_IsTheRefusalsCode()
    {
        var refusal = new Error("attachment.photo-again", "The examiner asked for a new facial photo: see the request.");

        Assert.Equal(refusal.Code, AuditJournal.RefusalCode(AuditJournal.RefusalDetails(refusal)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class AuditJournalTests_Sqlite(SqliteTestDatabase database) : AuditJournalTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AuditJournalTests_Postgres(PostgresTestDatabase database) : AuditJournalTests(database), IClassFixture<PostgresTestDatabase>;
