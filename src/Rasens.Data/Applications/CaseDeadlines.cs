using System.Globalization;
using Rasens.Data.Seeding;

namespace Rasens.Data.Applications;

/// <summary>Settings under "Rasens:Deadlines": working days per procedure (by code), the amber margin, holidays.</summary>
public sealed class DeadlineOptions
{
    /// <summary>Working days the office has for a case of each procedure, from submission. Procedures not listed get <see cref="DefaultWorkingDays"/>.</summary>
    public Dictionary<string, int> WorkingDays { get; set; } = new(StringComparer.Ordinal)
    {
        ["usage-request-notifications"] = 5,
        ["usage-request-residence"] = 5,
        ["institution-or-spouse-notification"] = 10,
        ["extension-of-stay"] = 30,
        ["change-of-status"] = 40,
        ["authorized-employment"] = 20,
        ["change-of-receipt-method"] = 5,
    };

    public int DefaultWorkingDays { get; set; } = 30;

    /// <summary>A case turns amber when this many working days or fewer are left.</summary>
    public int AmberWorkingDays { get; set; } = 3;

    /// <summary>Days the offices are closed besides weekends and 29 December – 3 January (ISO dates). Defaults: Japan's public holidays 2025–2027.</summary>
    public List<string> Holidays { get; set; } = [.. DefaultHolidays];

    private static readonly string[] DefaultHolidays =
    [
        "2025-01-13", "2025-02-11", "2025-02-24", "2025-03-20", "2025-04-29", "2025-05-05", "2025-05-06", "2025-07-21", "2025-08-11",
        "2025-09-15", "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-24",
        "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20",
        "2026-08-11", "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23",
        "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-22", "2027-04-29", "2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19",
        "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11", "2027-11-03", "2027-11-23",
    ];
}

/// <summary>How a case stands against its deadline, for the amber and red markers.</summary>
public enum Ageing
{
    OnTime = 1,
    Amber = 2,
    Overdue = 3,
    Paused = 4,
    Closed = 5,
}

/// <summary>
/// The working-day clock (DOMAIN §7, issue 5): a case is due a number of working days (Japan time; no weekends,
/// holidays or 29 Dec – 3 Jan) after the day it was submitted, pushed back by the time it waited for the
/// applicant. While it waits there is no due date; once done, none either.
/// </summary>
public sealed class CaseDeadlines
{
    private readonly DeadlineOptions _options;
    private readonly HashSet<DateOnly> _holidays;
    private readonly Dictionary<int, string> _codes;

    public CaseDeadlines(DeadlineOptions? options = null)
    {
        _options = options ?? new DeadlineOptions();
        _holidays = [.. _options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
        _codes = ReferenceData.Procedures().ToDictionary(p => p.Id, p => p.Code);
    }

    public int AmberWorkingDays => _options.AmberWorkingDays;

    public int WorkingDaysFor(int procedureId) =>
        _codes.TryGetValue(procedureId, out var code) && _options.WorkingDays.TryGetValue(code, out var days) ? days : _options.DefaultWorkingDays;

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day)
        && !(day.Month == 12 && day.Day >= 29) && !(day.Month == 1 && day.Day <= 3);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="from"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The deadline of <paramref name="application"/> as it stands now: the end (Japan time) of its last working day.</summary>
    public DateTime? DueAt(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        // The deadline is for the decision: none while waiting for the applicant, none once decided (an approved
        // case awaiting hand-over is not overdue examination work).
        if (application.Stage != CaseStage.Active || application.DecidedAt is not null)
        {
            return null;
        }

        var submitted = DateOnly.FromDateTime(JapanTime.FromUtc(application.SubmittedAt));
        var lastDay = AddWorkingDays(submitted, WorkingDaysFor(application.ProcedureId));
        var endOfLastDay = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - JapanTime.Offset;
        return endOfLastDay + application.PausedDuration;
    }

    /// <summary>The last working day (Japan time) of a deadline, as people read it: due on that day, not at the midnight after.</summary>
    public static string LastDayText(DateTime dueAt) => JapanTime.FormatDate(dueAt.AddTicks(-1));

    public Ageing AgeingOf(Application application, DateTime now) =>
        AgeingOf(application.Stage, application.DueAt, now);

    public Ageing AgeingOf(CaseStage stage, DateTime? dueAt, DateTime now)
    {
        switch (stage)
        {
            case CaseStage.Closed:
                return Ageing.Closed;
            case CaseStage.Waiting:
                return Ageing.Paused;
            case CaseStage.Active:
                break;
        }

        if (dueAt is not { } due)
        {
            return Ageing.OnTime;
        }

        if (now >= due)
        {
            return Ageing.Overdue;
        }

        var left = WorkingDaysBetween(DateOnly.FromDateTime(JapanTime.FromUtc(now)), DateOnly.FromDateTime(JapanTime.FromUtc(due.AddTicks(-1))));
        return left <= _options.AmberWorkingDays ? Ageing.Amber : Ageing.OnTime;
    }
}
