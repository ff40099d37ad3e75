using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Data.Seeding;
using Rasens.Testing;

namespace Rasens.Data.Tests.Seeding;

public abstract class ReferenceDataTests(TestDatabase database)
{
    [Fact]
    public async Task Ensure_SeedsTheEightProceduresWithJapaneseAndEnglishTexts()
    {
        await using var db = database.CreateContext();
        var procedures = await db.Procedures.Include(p => p.Texts).OrderBy(p => p.Id).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Enum.GetValues<ProcedureKind>(), procedures.Select(p => p.Kind));
        Assert.All(procedures, p =>
        {
            Assert.Equal(["en", "ja"], p.Texts.Select(t => t.Culture).Order(StringComparer.Ordinal));
            Assert.All(p.Texts, t => Assert.False(string.IsNullOrWhiteSpace(t.Explanation) || string.IsNullOrWhiteSpace(t.TermsOfUse)));
        });
        Assert.Null(procedures.Single(p => p.Kind == ProcedureKind.CertificateOfEligibilityByEmail).Workflow);
        Assert.Equal(Workflow.Application, procedures.Single(p => p.Kind == ProcedureKind.ExtensionOfPeriodOfStay).Workflow);
        Assert.Equal(ProcedureKind.UsageRequestNotifications, procedures.Single(p => p.Kind == ProcedureKind.InstitutionOrSpouseNotification).RequiresUsageRequest);
    }

    [Fact]
    public async Task Ensure_SeedsTheNotificationMatrixOfTheManual()
    {
        await using var db = database.CreateContext();
        var statuses = await db.StatusesOfResidence.ToDictionaryAsync(s => s.Code, TestContext.Current.CancellationToken);
        var contents = await db.NotificationContents.ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NotificationClassification.ActivityOrganization, statuses["STUDENT"].NotificationClassification);
        Assert.Equal(NotificationClassification.ContractingOrganization, statuses["ENGINEER_HUMANITIES"].NotificationClassification);
        Assert.Equal(NotificationClassification.Spouse, statuses["SPOUSE_OF_JAPANESE"].NotificationClassification);
        Assert.Null(statuses["PERMANENT_RESIDENT"].NotificationClassification);
        Assert.Equal(10, statuses.Values.Count(s => s.NotificationClassification == NotificationClassification.ActivityOrganization));
        Assert.Equal(8, statuses.Values.Count(s => s.NotificationClassification == NotificationClassification.ContractingOrganization));
        Assert.Equal(3, statuses.Values.Count(s => s.NotificationClassification == NotificationClassification.Spouse));
        Assert.Equal(5, contents.Count(c => c.Classification == NotificationClassification.ActivityOrganization));
        Assert.Equal(5, contents.Count(c => c.Classification == NotificationClassification.ContractingOrganization));
        Assert.Equal(["Divorce from spouse", "Bereavement of spouse"],
            contents.Where(c => c.Classification == NotificationClassification.Spouse).OrderBy(c => c.SortOrder).Select(c => c.NameEn));
    }

    [Fact]
    public async Task Ensure_RunAgain_AddsNothingAndKeepsAnAdministratorsChange()
    {
        await using (var db = database.CreateContext())
        {
            var text = await db.ProcedureTexts.SingleAsync(t => t.ProcedureId == (int)ProcedureKind.ChangeOfMethodOfReceipt && t.Culture == "en", TestContext.Current.CancellationToken);
            text.ContactInformation = "Changed by an administrator";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            await ReferenceData.EnsureAsync(db, TestContext.Current.CancellationToken);
        }

        await using var check = database.CreateContext();
        Assert.Equal(8, await check.Procedures.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceData.Offices.Count, await check.Offices.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceData.StatusesOfResidence.Count, await check.StatusesOfResidence.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Changed by an administrator", (await check.ProcedureTexts.SingleAsync(
            t => t.ProcedureId == (int)ProcedureKind.ChangeOfMethodOfReceipt && t.Culture == "en", TestContext.Current.CancellationToken)).ContactInformation);
    }

    [Fact]
    public void Offices_HaveDistinctNumberPrefixes()
    {
        Assert.Equal(ReferenceData.Offices.Count, ReferenceData.Offices.Select(o => o.NumberPrefix).Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class ReferenceDataTests_Sqlite(SqliteTestDatabase database) : ReferenceDataTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ReferenceDataTests_Postgres(PostgresTestDatabase database) : ReferenceDataTests(database), IClassFixture<PostgresTestDatabase>;
