using System.Globalization;

namespace Rasens.Data.Forms;

/// <summary>
/// The three-box date of the residency forms (004 §3-3 "Year / Month / Day"). The browser posts the boxes as
/// "&lt;key&gt;.y", ".m", ".d" and the "all unknown" box as ".unknown"; the form keeps one value:
/// <c>2000-04-01</c>, <c>2000-04</c> (day unknown), <c>2000</c> (month and day unknown), <c>unknown</c>
/// (year, month and day unknown, DOMAIN §4) or <c>9999-99-99</c> (indefinite period of stay).
/// </summary>
public static class YearMonthDayValue
{
    public const string Unknown = "unknown";
    public const string IndefiniteValue = "9999-99-99";

    public static string YearKey(string key) => key + ".y";

    public static string MonthKey(string key) => key + ".m";

    public static string DayKey(string key) => key + ".d";

    public static string UnknownKey(string key) => key + ".unknown";

    /// <summary>
    /// Replaces the boxes of every year/month/day field by the one value they make. A value posted whole (the
    /// confirmation page's hidden inputs, a loaded file, a reused case) is taken as it is.
    /// </summary>
    public static Dictionary<string, string?> Compose(FormDefinition form, IReadOnlyDictionary<string, string?> input)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(input);
        var values = new Dictionary<string, string?>(input, StringComparer.Ordinal);
        foreach (var field in form.Sections.Where(s => s.MaxRepeat == 0).SelectMany(s => s.Fields).Where(f => f.Kind == FieldKind.YearMonthDay))
        {
            string?[] parts = [Take(values, YearKey(field.Key)), Take(values, MonthKey(field.Key)), Take(values, DayKey(field.Key))];
            var unknown = Take(values, UnknownKey(field.Key)) == "true";
            if (parts.All(string.IsNullOrWhiteSpace) && !unknown)
            {
                continue;
            }

            values[field.Key] = Join(parts.Select(p => p?.Trim() ?? "").ToArray(), unknown);
        }

        return values;
    }

    /// <summary>The boxes to show for a value (whole or in parts) in <paramref name="values"/>.</summary>
    public static (string Year, string Month, string Day, bool Unknown) Parts(IReadOnlyDictionary<string, string> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.ContainsKey(YearKey(key)) || values.ContainsKey(MonthKey(key)) || values.ContainsKey(DayKey(key)) || values.ContainsKey(UnknownKey(key)))
        {
            return (values.GetValueOrDefault(YearKey(key)) ?? "", values.GetValueOrDefault(MonthKey(key)) ?? "", values.GetValueOrDefault(DayKey(key)) ?? "",
                values.GetValueOrDefault(UnknownKey(key)) == "true");
        }

        if (!values.TryGetValue(key, out var value))
        {
            return ("", "", "", false);
        }

        if (value == Unknown)
        {
            return ("", "", "", true);
        }

        var split = value.Split('-');
        return (split[0], split.Length > 1 ? split[1] : "", split.Length > 2 ? split[2] : "", false);
    }

    /// <summary>The error code for a value of <paramref name="field"/>, or null when it is acceptable.</summary>
    public static string? Check(Field field, string value, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        if (value == Unknown)
        {
            return field.UnknownParts ? null : "form.date";
        }

        if (field.Indefinite && value == IndefiniteValue)
        {
            return null;
        }

        var parts = value.Split('-');
        if (parts.Length == 3 && parts.All(p => p.Length > 0))
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return "form.date";
            }

            return field.Format switch
            {
                FieldFormat.PastOrToday => date > today ? "form.date-future" : null,
                FieldFormat.FutureDate => date <= today ? "form.date-past" : null,
                FieldFormat.None or FieldFormat.NameEnglish or FieldFormat.Phone or FieldFormat.PostalCode or FieldFormat.AddressInJapan
                    or FieldFormat.InstitutionAddress or FieldFormat.ResidenceCardNumber or FieldFormat.Email or FieldFormat.PassportNumber
                    or FieldFormat.EdNumberLetters or FieldFormat.EdNumberDigits or FieldFormat.Digits or FieldFormat.NameEnglishResidency
                    or FieldFormat.ReceiptNumber => null,
            };
        }

        if (!field.UnknownParts)
        {
            return "form.date";
        }

        // Only the day, or the month and the day, may be left out; the year is always needed.
        if (parts.Length > 2 || parts.Any(p => p.Length == 0) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || parts[0].Length != 4 || year < 1850)
        {
            return "form.date-partial";
        }

        if (parts.Length == 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12))
        {
            return "form.date";
        }

        var earliest = parts.Length == 2 ? new DateOnly(year, int.Parse(parts[1], CultureInfo.InvariantCulture), 1) : new DateOnly(year, 1, 1);
        return field.Format == FieldFormat.PastOrToday && earliest > today ? "form.date-future" : null;
    }

    /// <summary>How a value reads on the confirmation and details pages and in Print Details.</summary>
    public static string Display(string value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == Unknown)
        {
            return FormTexts.Get("date.unknown-all", culture);
        }

        if (value == IndefiniteValue)
        {
            return $"9999/99/99 ({FormTexts.Get("date.indefinite", culture)})";
        }

        var parts = value.Split('-');
        return parts.Length switch
        {
            1 => $"{parts[0]} ({FormTexts.Get("date.unknown-month-day", culture)})",
            2 => $"{parts[0]}/{parts[1]} ({FormTexts.Get("date.unknown-day", culture)})",
            _ => value.Replace('-', '/'),
        };
    }

    private static string? Take(Dictionary<string, string?> values, string key) =>
        values.Remove(key, out var value) ? value : null;

    private static string Join(string[] parts, bool unknown)
    {
        if (unknown)
        {
            // "Unknown" with a date typed as well is contradictory: kept as typed so the check refuses it.
            return parts.All(p => p.Length == 0) ? Unknown : $"{Unknown}:{string.Join('-', parts)}";
        }

        var (year, month, day) = (parts[0], Pad(parts[1]), Pad(parts[2]));
        return (month.Length, day.Length) switch
        {
            (0, 0) => year,
            (_, 0) => $"{year}-{month}",
            _ => $"{year}-{month}-{day}",
        };
    }

    private static string Pad(string part) => part.Length == 1 && char.IsAsciiDigit(part[0]) ? "0" + part : part;
}
