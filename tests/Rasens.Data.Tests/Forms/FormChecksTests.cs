using Rasens.Data.Applications;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Forms;

/// <summary>
/// The form checks that need the database (FormChecks.cs), on both engines: a change of method of receipt names one of
/// the applicant's own residence applications, still open, by its temporary reception number; the day is Japan's.
/// </summary>
public abstract class FormChecksTests(TestDatabase database)
{
    private static readonly FormDefinition Change = FormDefinitions.For(ProcedureKind.ChangeOfMethodOfReceipt)!;
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Check_TheApplicantsOwnOpenApplication_IsAccepted()
    {
        var (owner, examiner) = await PeopleAsync();
        var own = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner), _clock.UtcNow);

        var check = await CheckAsync(owner.Id, own.TemporaryReceptionNumber!);

        Assert.True(check.IsValid, string.Join(", ", check.Errors.Select(e => $"{e.Key}: {e.Code}")));
    }

    [Fact]
    public async Task Check_ANumberNobodyHasOrSomeoneElses_IsUnknown()
    {
        var (owner, _) = await PeopleAsync();
        var (stranger, _) = await PeopleAsync();
        var theirs = await database.SeedCaseAsync(A.Case(stranger), _clock.UtcNow);

        foreach (var number in new[] { theirs.TemporaryReceptionNumber!, "東仮E99999999" })
        {
            var error = Assert.Single((await CheckAsync(owner.Id, number)).Errors);
            Assert.Equal((FormChecks.ReceptionNumberField, "form.reception-number-unknown"), (error.Key, error.Code));
        }
    }

    [Theory]
    [InlineData(ApplicationStatus.Completed)]
    [InlineData(ApplicationStatus.CompletedNotPermitted)]
    [InlineData(ApplicationStatus.Withdrawn)]
    public async Task Check_TheApplicantsOwnClosedApplication_IsClosed(ApplicationStatus status)
    {
        var (owner, examiner) = await PeopleAsync();
        var closed = await database.SeedCaseAsync(A.Case(owner).InStatus(status).HeldBy(examiner), _clock.UtcNow);

        var error = Assert.Single((await CheckAsync(owner.Id, closed.TemporaryReceptionNumber!)).Errors);

        Assert.Equal((FormChecks.ReceptionNumberField, "form.reception-number-closed"), (error.Key, error.Code));
    }

    [Fact]
    public async Task Check_ANumberThatBreaksItsFormat_IsRefusedByTheFormAlone()
    {
        var (owner, _) = await PeopleAsync();

        var error = Assert.Single((await CheckAsync(owner.Id, "tmp-1")).Errors);

        Assert.Equal(FormChecks.ReceptionNumberField, error.Key);
        Assert.NotEqual("form.reception-number-unknown", error.Code); // the format's own refusal, not a lookup
    }

    [Fact]
    public async Task Target_IsTheApplicantsOwnApplicationOnly()
    {
        var (owner, _) = await PeopleAsync();
        var (stranger, _) = await PeopleAsync();
        var own = await database.SeedCaseAsync(A.Case(owner), _clock.UtcNow);

        await using var db = database.CreateContext();
        var checks = new FormChecks(db, _clock);

        Assert.Equal(own.Id, (await checks.TargetAsync(owner.Id, own.TemporaryReceptionNumber!, Ct))?.Id);
        Assert.Null(await checks.TargetAsync(stranger.Id, own.TemporaryReceptionNumber!, Ct));
    }

    [Theory]
    [InlineData("2026-11-24T14:59:59Z", 2026, 11, 24)]
    [InlineData("2026-11-24T15:00:00Z", 2026, 11, 25)] // midnight in Japan
    public void Today_IsTheDateInJapan(string utc, int year, int month, int day)
    {
        var checks = new FormChecks(null!, new TestClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(new DateOnly(year, month, day), checks.Today);
    }

    private async Task<(Rasens.Data.Accounts.ApplicantUser Applicant, Actor Examiner)> PeopleAsync()
    {
        var applicant = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(applicant, examiner);
        return (applicant, examiner.ToActor());
    }

    private async Task<FormCheck> CheckAsync(Guid applicantId, string number)
    {
        await using var db = database.CreateContext();
        var values = FormExamples.ChangeOfMethodOfReceipt(number).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        return await new FormChecks(db, _clock).CheckAsync(applicantId, Change, values, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class FormChecksTests_Sqlite(SqliteTestDatabase database) : FormChecksTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class FormChecksTests_Postgres(PostgresTestDatabase database) : FormChecksTests(database), IClassFixture<PostgresTestDatabase>;
