using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>The working-day clock: weekends, holidays and the year-end closure skipped; paused while waiting; amber and red.</summary>
public sealed class CaseDeadlinesTests
{
    private readonly CaseDeadlines _deadlines = new(new DeadlineOptions { AmberWorkingDays = 3, Holidays = ["2026-11-03", "2026-11-23"] });

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-24")] // Friday → Monday 23 is a holiday → Tuesday
    [InlineData("2026-11-02", 2, "2026-11-05")] // skips Culture Day
    [InlineData("2026-12-25", 1, "2026-12-28")]
    [InlineData("2026-12-28", 1, "2027-01-04")] // 29 Dec – 3 Jan closed
    [InlineData("2026-11-27", 0, "2026-11-27")]
    public void AddWorkingDays_SkipsDaysTheOfficeIsClosed(string from, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            _deadlines.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void DueAt_IsTheEndOfTheLastWorkingDayInJapan_PushedBackByTheTimeSpentWaiting()
    {
        var owner = A.Applicant().Build();
        // Submitted Friday 20 November 2026, 18:00 JST; a change of method of receipt has 5 working days.
        var application = A.Case(owner).Notification().ForProcedure(ProcedureKind.ChangeOfMethodOfReceipt).Build(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc));

        // 24, 25, 26, 27, 30 November: due at midnight JST starting 1 December.
        Assert.Equal(new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc), _deadlines.DueAt(application));
        Assert.Equal(5, _deadlines.WorkingDaysFor((int)ProcedureKind.ChangeOfMethodOfReceipt));
        Assert.Equal(30, _deadlines.WorkingDaysFor((int)ProcedureKind.ExtensionOfPeriodOfStay));
    }

    [Fact]
    public void AgeingOf_OnTimeThenAmberThenOverdue_PausedAndClosedApart()
    {
        var due = new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

        Assert.Equal(Ageing.OnTime, _deadlines.AgeingOf(CaseStage.Active, due, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(Ageing.Amber, _deadlines.AgeingOf(CaseStage.Active, due, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(Ageing.Overdue, _deadlines.AgeingOf(CaseStage.Active, due, due));
        Assert.Equal(Ageing.Paused, _deadlines.AgeingOf(CaseStage.Waiting, null, due));
        Assert.Equal(Ageing.Closed, _deadlines.AgeingOf(CaseStage.Closed, null, due));
    }

    [Fact]
    public void Options_WorkingDaysComeFromConfiguration()
    {
        var configured = new CaseDeadlines(new DeadlineOptions { WorkingDays = new() { ["extension-of-stay"] = 12 }, DefaultWorkingDays = 7 });

        Assert.Equal(12, configured.WorkingDaysFor((int)ProcedureKind.ExtensionOfPeriodOfStay));
        Assert.Equal(7, configured.WorkingDaysFor((int)ProcedureKind.ChangeOfStatusOfResidence));
    }
}
