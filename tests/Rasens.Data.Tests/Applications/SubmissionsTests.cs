using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

public abstract class SubmissionsTests(TestDatabase database)
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Submit_Notification_MakesAPendingCaseWithBothNumbersAndBothEmails()
    {
        var applicant = await database.SeedApprovedApplicantAsync();

        var result = await SubmitAsync(applicant, Guid.NewGuid(), Leaving());

        Assert.True(result.Succeeded, result.Error?.Message);
        await using var db = database.CreateContext();
        var stored = await db.Applications.SingleAsync(a => a.Id == result.Value!.Id, TestContext.Current.CancellationToken);
        Assert.Equal((ApplicationStatus.Pending, Workflow.Notification, "STUDENT", "AB12345678CD"), (stored.Status, stored.Workflow, stored.StatusOfResidenceCode, stored.ResidenceCardNumber));
        Assert.Matches("^届26[0-9]{8}$", stored.NotificationReceiptNumber!);
        Assert.Equal("東京大学", JsonDocument.Parse(stored.Payload).RootElement.GetProperty("formerName").GetString());
        var mails = await db.OutboxEmails.Where(e => e.To == applicant.Email).Select(e => e.Template).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("application-received", mails);
        Assert.Contains("notification-receipt-number", mails);
        Assert.All(await db.OutboxEmails.Where(e => e.To == applicant.Email).ToListAsync(TestContext.Current.CancellationToken), e => Assert.Equal(stored.Id, e.ApplicationId));
    }

    [Fact]
    public async Task Submit_SameEntryTwice_MakesOneCase()
    {
        var applicant = await database.SeedApprovedApplicantAsync();
        var key = Guid.NewGuid();

        var first = await SubmitAsync(applicant, key, Leaving());
        var again = await SubmitAsync(applicant, key, Leaving());

        Assert.Equal(first.Value!.Id, again.Value!.Id);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Applications.CountAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.InstitutionOrSpouseNotification, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.To == applicant.Email && e.Template == "application-received", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_SameEntryAtTheSameMoment_MakesOneCase()
    {
        var applicant = await database.SeedApprovedApplicantAsync();
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SubmitAsync(applicant, key, Leaving()))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Applications.CountAsync(a => a.SubmissionKey == key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_WithoutAnApprovedRequestForUse_IsRefusedAndWritesNothing()
    {
        var applicant = A.Applicant().Build();
        await database.SeedAsync(applicant);

        var result = await SubmitAsync(applicant, Guid.NewGuid(), Leaving());

        Assert.Equal("usage.required", result.Error?.Code);
        await using var db = database.CreateContext();
        Assert.False(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_OutsideTheReceptionPeriod_IsRefused()
    {
        var applicant = await database.SeedApprovedApplicantAsync();
        var early = new TestClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await SubmitAsync(applicant, Guid.NewGuid(), Leaving(), early);

        Assert.Equal(Submissions.Closed, result.Error);
    }

    [Fact]
    public async Task Submit_InvalidEntries_AreRefusedAndNothingIsWritten()
    {
        var applicant = await database.SeedApprovedApplicantAsync();
        var values = Leaving();
        values["eventDate"] = "2026-12-31"; // in the future

        var result = await SubmitAsync(applicant, Guid.NewGuid(), values);

        Assert.Equal(Submissions.Invalid, result.Error);
        await using var db = database.CreateContext();
        Assert.False(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.InstitutionOrSpouseNotification, TestContext.Current.CancellationToken));
    }

    private async Task<Result<Application>> SubmitAsync(ApplicantUser applicant, Guid key, Dictionary<string, string?> values, TestClock? clock = null)
    {
        var time = clock ?? _clock;
        await using var db = database.CreateContext(time);
        var numbers = new CaseNumbers(new NumberAllocator(db));
        var mailer = new Mailer(db, time);
        var submissions = new Submissions(db, numbers, new UsageRequests(db, numbers, mailer, time), new FormChecks(db, time),
            new Attachments(db, new Rasens.Data.Files.LocalFileStore(Path.Combine(Path.GetTempPath(), "rasens-submissions-tests")), time), mailer, time);
        return await submissions.SubmitAsync(applicant, new Submission(key, ProcedureKind.InstitutionOrSpouseNotification, values), 3);
    }

    private static Dictionary<string, string?> Leaving() => FormExamples.LeavingNotification().Nullable();
}

public sealed class SubmissionsTests_Sqlite(SqliteTestDatabase database) : SubmissionsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class SubmissionsTests_Postgres(PostgresTestDatabase database) : SubmissionsTests(database), IClassFixture<PostgresTestDatabase>;
