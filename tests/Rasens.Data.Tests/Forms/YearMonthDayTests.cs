using System.Globalization;
using Rasens.Data.Forms;
using Rasens.Data.Procedures;

namespace Rasens.Data.Tests.Forms;

/// <summary>
/// The three-box date (YearMonthDay.cs): the boxes the browser posts made into one value, the value shown again in
/// boxes, the checks of a date of birth (parts may be unknown, not in the future), of an expiry (9999/99/99 for
/// indefinite, in the future) and of a plain date, and how each value reads in Japanese and English.
/// </summary>
public sealed class YearMonthDayTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    /// <summary>A date of birth: the day, the month and day, or all three may be unknown; never in the future.</summary>
    private static readonly Field Birth = new("dob", FieldKind.YearMonthDay, "field.dateOfBirth") { UnknownParts = true, Format = FieldFormat.PastOrToday };

    /// <summary>The expiry of a period of stay: 9999/99/99 stands for indefinite; otherwise after today.</summary>
    private static readonly Field Expiry = new("expiry", FieldKind.YearMonthDay, "field.expiryDate") { Indefinite = true, Format = FieldFormat.FutureDate };

    /// <summary>A whole date, any date.</summary>
    private static readonly Field Plain = new("day", FieldKind.YearMonthDay, "field.eventDate");

    private static readonly FormDefinition Form = new(ProcedureKind.ExtensionOfPeriodOfStay, 1,
    [
        new Section("applicant", "section.applicant", [Birth, Expiry, Plain, new Field("nameEnglish", FieldKind.Text, "field.nameEnglish")]),
        new Section("family", "section.family-member", [new Field("dateOfBirth", FieldKind.YearMonthDay, "field.dateOfBirth") { UnknownParts = true }]) { MaxRepeat = 3 },
    ]);

    [Fact]
    public void Keys_OfAField_AreItsKeyWithTheBoxsSuffix()
    {
        Assert.Equal(
            ["dob.y", "dob.m", "dob.d", "dob.unknown"],
            [YearMonthDayValue.YearKey("dob"), YearMonthDayValue.MonthKey("dob"), YearMonthDayValue.DayKey("dob"), YearMonthDayValue.UnknownKey("dob")]);
    }

    [Theory]
    [InlineData("2000", "04", "01", null, "2000-04-01")]
    [InlineData("2000", "4", "1", null, "2000-04-01")] // single digits padded
    [InlineData(" 2000 ", " 4 ", " 1 ", null, "2000-04-01")] // trimmed first
    [InlineData("2000", "12", "31", null, "2000-12-31")]
    [InlineData("2000", "04", "", null, "2000-04")] // day unknown
    [InlineData("2000", "4", null, null, "2000-04")]
    [InlineData("2000", "", "", null, "2000")] // month and day unknown
    [InlineData("", "", "", "true", "unknown")] // year, month and day unknown
    [InlineData(null, null, null, "true", "unknown")]
    [InlineData("9999", "99", "99", null, "9999-99-99")] // indefinite, as typed
    [InlineData("2000", "", "01", null, "2000--01")] // a day without a month: kept as typed, so the check refuses it
    [InlineData("2000", "x", "", null, "2000-x")] // only a digit is padded
    [InlineData("2000", "04", "01", "true", "unknown:2000-04-01")] // "unknown" with a date: contradictory, kept for the check
    [InlineData("2000", null, null, "false", "2000")] // an unticked box is no "unknown"
    public void Compose_TheBoxes_MakeOneValue(string? year, string? month, string? day, string? unknown, string expected)
    {
        var input = new Dictionary<string, string?>(StringComparer.Ordinal) { ["nameEnglish"] = "NGUYEN VAN AN" };
        Box(input, YearMonthDayValue.YearKey("dob"), year);
        Box(input, YearMonthDayValue.MonthKey("dob"), month);
        Box(input, YearMonthDayValue.DayKey("dob"), day);
        Box(input, YearMonthDayValue.UnknownKey("dob"), unknown);

        var values = YearMonthDayValue.Compose(Form, input);

        Assert.Equal(expected, values["dob"]);
        Assert.Equal(["dob", "nameEnglish"], values.Keys.Order(StringComparer.Ordinal)); // the boxes are gone, the rest kept
    }

    [Fact]
    public void Compose_AWholeValueAndNoBoxes_KeepsTheValue()
    {
        // The confirmation page's hidden inputs, a loaded file or a reused case post the value whole.
        var values = YearMonthDayValue.Compose(Form, new Dictionary<string, string?>(StringComparer.Ordinal) { ["dob"] = "2000-04", ["expiry"] = "9999-99-99" });

        Assert.Equal("2000-04", values["dob"]);
        Assert.Equal("9999-99-99", values["expiry"]);
    }

    [Fact]
    public void Compose_EmptyBoxesAndNoUnknown_LeaveNoValueAndTakeTheBoxesAway()
    {
        var values = YearMonthDayValue.Compose(Form, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["dob.y"] = "", ["dob.m"] = " ", ["dob.d"] = null, ["dob.unknown"] = "false",
        });

        Assert.Empty(values);
    }

    [Fact]
    public void Compose_BoxesOfARepeatingSection_AreLeftAsPosted()
    {
        var input = new Dictionary<string, string?>(StringComparer.Ordinal) { ["family.0.dateOfBirth"] = "2001-05-06", ["dateOfBirth.y"] = "2001" };

        var values = YearMonthDayValue.Compose(Form, input);

        Assert.Equal(input, values);
        Assert.NotSame(input, values); // a copy: the input is not changed
    }

    [Theory]
    [InlineData("2000-04-01", "2000", "04", "01", false)]
    [InlineData("2000-04", "2000", "04", "", false)]
    [InlineData("2000", "2000", "", "", false)]
    [InlineData("unknown", "", "", "", true)]
    [InlineData("9999-99-99", "9999", "99", "99", false)]
    public void Parts_OfAWholeValue_AreTheBoxesToShow(string value, string year, string month, string day, bool unknown)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["dob"] = value };

        Assert.Equal((year, month, day, unknown), YearMonthDayValue.Parts(values, "dob"));
    }

    [Fact]
    public void Parts_OfPostedBoxes_AreTheBoxesAsTyped()
    {
        // A refused form is shown again with what was typed, even where it makes no date (and even if a whole value is there too).
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["dob"] = "1999-01-01", ["dob.y"] = "20x0", ["dob.m"] = "4", ["dob.unknown"] = "true" };

        Assert.Equal(("20x0", "4", "", true), YearMonthDayValue.Parts(values, "dob"));
    }

    [Fact]
    public void Parts_OfNoValue_AreEmptyBoxes()
    {
        Assert.Equal(("", "", "", false), YearMonthDayValue.Parts(new Dictionary<string, string>(StringComparer.Ordinal), "dob"));
    }

    [Theory]
    [InlineData("2000-04-01", null)]
    [InlineData("2026-11-24", null)] // today has happened
    [InlineData("2026-11-25", "form.date-future")]
    [InlineData("2026-02-30", "form.date")] // no such day
    [InlineData("2026-02-29", "form.date")] // not a leap year
    [InlineData("2024-02-29", null)]
    [InlineData("2026-13-01", "form.date")]
    [InlineData("2026-00-10", "form.date")]
    [InlineData("2026-1-1", "form.date")] // a whole date is yyyy-MM-dd
    [InlineData("9999-99-99", "form.date")] // indefinite is for an expiry, not a birth
    [InlineData("2000-04", null)] // day unknown
    [InlineData("2026-11", null)] // this month: it may have been
    [InlineData("2026-12", "form.date-future")] // next month: it cannot have been
    [InlineData("2000-4", "form.date")]
    [InlineData("2000-00", "form.date")]
    [InlineData("2000-13", "form.date")]
    [InlineData("2000", null)] // month and day unknown
    [InlineData("2026", null)]
    [InlineData("2027", "form.date-future")]
    [InlineData("unknown", null)] // year, month and day unknown
    [InlineData("1849", "form.date-partial")] // the year is a real one
    [InlineData("200", "form.date-partial")]
    [InlineData("20000", "form.date-partial")]
    [InlineData("２０００", "form.date-partial")] // digits are ASCII
    [InlineData("2000--01", "form.date-partial")] // the day, but not the month
    [InlineData("--01", "form.date-partial")] // no year
    [InlineData("unknown:2000-04-01", "form.date")] // "unknown" ticked with a date typed
    public void Check_ADateOfBirth_MayLeavePartsUnknownButNotBeInTheFuture(string value, string? code)
    {
        Assert.Equal(code, YearMonthDayValue.Check(Birth, value, Today));
    }

    [Theory]
    [InlineData("9999-99-99", null)] // indefinite
    [InlineData("2026-11-25", null)]
    [InlineData("2030-01-31", null)]
    [InlineData("2026-11-24", "form.date-past")] // it must be after today
    [InlineData("2026-01-01", "form.date-past")]
    [InlineData("2026-02-30", "form.date")]
    [InlineData("9999-99-98", "form.date")]
    [InlineData("2027-03", "form.date")] // no parts may be unknown
    [InlineData("2027", "form.date")]
    [InlineData("unknown", "form.date")]
    public void Check_AnExpiry_IsIndefiniteOrInTheFuture(string value, string? code)
    {
        Assert.Equal(code, YearMonthDayValue.Check(Expiry, value, Today));
    }

    [Theory]
    [InlineData("2026-11-25", null)] // no rule about the future
    [InlineData("1900-01-01", null)]
    [InlineData("2026-02-30", "form.date")]
    [InlineData("9999-99-99", "form.date")]
    [InlineData("2026-11", "form.date")]
    [InlineData("unknown", "form.date")]
    [InlineData("not a date", "form.date")]
    public void Check_APlainDate_IsAWholeRealDate(string value, string? code)
    {
        Assert.Equal(code, YearMonthDayValue.Check(Plain, value, Today));
    }

    [Theory]
    [InlineData("ja", "2000-04-01", "2000/04/01")]
    [InlineData("ja", "2000-04", "2000/04 (日不明)")]
    [InlineData("ja", "2000", "2000 (月日不明)")]
    [InlineData("ja", "unknown", "年月日不明")]
    [InlineData("ja", "9999-99-99", "9999/99/99 (無期限)")]
    [InlineData("en", "2000-04-01", "2000/04/01")]
    [InlineData("en", "2000-04", "2000/04 (day unknown)")]
    [InlineData("en", "2000", "2000 (month and day unknown)")]
    [InlineData("en", "unknown", "Year, month and day unknown")]
    [InlineData("en", "9999-99-99", "9999/99/99 (indefinite)")]
    [InlineData("zh-Hant", "2000-04", "2000/04 (日不詳)")]
    [InlineData("es", "unknown", "Año, mes y día desconocidos")]
    public void Display_AValue_ReadsAsTheManualsWriteItInTheLanguage(string culture, string value, string expected)
    {
        Assert.Equal(expected, YearMonthDayValue.Display(value, CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("2000-04-01")]
    [InlineData("2000-04")]
    [InlineData("2000")]
    [InlineData("unknown")]
    [InlineData("9999-99-99")]
    public void RoundTrip_ValueToBoxesToValue_IsTheSameValue(string value)
    {
        var (year, month, day, unknown) = YearMonthDayValue.Parts(new Dictionary<string, string>(StringComparer.Ordinal) { ["dob"] = value }, "dob");
        var posted = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [YearMonthDayValue.YearKey("dob")] = year,
            [YearMonthDayValue.MonthKey("dob")] = month,
            [YearMonthDayValue.DayKey("dob")] = day,
            [YearMonthDayValue.UnknownKey("dob")] = unknown ? "true" : null,
        };

        Assert.Equal(value, YearMonthDayValue.Compose(Form, posted)["dob"]);
    }

    private static void Box(Dictionary<string, string?> input, string key, string? value)
    {
        if (value is not null)
        {
            input[key] = value;
        }
    }
}
