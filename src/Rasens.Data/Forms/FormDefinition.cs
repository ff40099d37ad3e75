using System.Globalization;
using Rasens.Data.Procedures;

namespace Rasens.Data.Forms;

public enum FieldKind
{
    Text = 1,
    Textarea = 2,
    Select = 3,
    Radio = 4,
    Date = 5,
    Checkbox = 6,

    /// <summary>
    /// Year / month / day in three boxes, as the manuals draw them. Lets a date of birth leave parts unknown
    /// (<see cref="Field.UnknownParts"/>) and an expiry say 9999/99/99 (<see cref="Field.Indefinite"/>).
    /// </summary>
    YearMonthDay = 7,
}

/// <summary>The formats of DOMAIN §4 a field can demand on top of required / length / choices.</summary>
public enum FieldFormat
{
    None = 0,
    NameEnglish = 1,
    Phone = 2,
    PostalCode = 3,
    AddressInJapan = 4,
    InstitutionAddress = 5,
    ResidenceCardNumber = 6,
    Email = 7,
    PassportNumber = 8,
    EdNumberLetters = 9,
    EdNumberDigits = 10,
    /// <summary>A date that has already happened (events of notifications, DOMAIN §3).</summary>
    PastOrToday = 11,
    /// <summary>A date in the future (expiry of a passport or period of stay).</summary>
    FutureDate = 12,
    Digits = 13,
    /// <summary>Residency forms: capital Latin letters, family and given names separated by a comma (HOUMU,TARO).</summary>
    NameEnglishResidency = 14,
    /// <summary>A temporary reception / receipt number: up to 13 kanji, kana, capital letters and digits.</summary>
    ReceiptNumber = 15,
}

/// <summary>One choice of a select or radio field; its text is a key in FormTexts.</summary>
public sealed record Choice(string Value, string TextKey);

/// <summary>
/// A field or section is shown (and validated, and kept) only when another field has one of these values,
/// or, with <see cref="Negate"/>, when it has none of them (an unticked box has no value).
/// </summary>
public sealed record ShowWhen(string Field, IReadOnlyList<string> Values)
{
    public bool Negate { get; init; }

    public static ShowWhen Is(string field, params string[] values) => new(field, values);

    public static ShowWhen IsNot(string field, params string[] values) => new(field, values) { Negate = true };

    public static ShowWhen Ticked(string field) => Is(field, "true");

    public static ShowWhen NotTicked(string field) => IsNot(field, "true");
}

/// <summary>
/// A rule across fields (one of two phone numbers, an e-mail typed twice, ED number only without a residence
/// card). It is checked only when <see cref="Field"/> is shown and has passed its own checks, and reports there.
/// </summary>
public sealed record FormRule(string Field, string Code, Func<IReadOnlyDictionary<string, string>, bool> Broken);

/// <summary>"Common items match the joint application" (002 §4.2.4): when every condition holds, the pairs are copied.</summary>
public sealed record CopyRule(IReadOnlyList<ShowWhen> When, IReadOnlyList<(string From, string To)> Pairs);

/// <summary>What a procedure takes besides its form (DOMAIN §5).</summary>
public sealed record AttachmentPolicy(bool Photo, bool PhotoRequired, bool Documents)
{
    public static AttachmentPolicy None { get; } = new(false, false, false);

    public bool Any => Photo || Documents;
}

/// <summary>One input of a procedure's form. Keys are stable: they are the payload's property names.</summary>
public sealed record Field(string Key, FieldKind Kind, string LabelKey)
{
    public bool Required { get; init; }

    public FieldFormat Format { get; init; }

    public int MaxLength { get; init; } = 100;

    public string? HintKey { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>For choices that depend on another field (the notification matrix): that field's key.</summary>
    public string? ChoicesFrom { get; init; }

    /// <summary>The choices for each value of <see cref="ChoicesFrom"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Choice>> DependentChoices { get; init; } = new Dictionary<string, IReadOnlyList<Choice>>(StringComparer.Ordinal);

    public ShowWhen? ShowWhen { get; init; }

    /// <summary>Year / month / day: the day, month and day, or all three may be given as unknown (a date of birth).</summary>
    public bool UnknownParts { get; init; }

    /// <summary>Year / month / day: 9999/99/99 stands for "indefinite" (the expiry of a period of stay).</summary>
    public bool Indefinite { get; init; }

    public IReadOnlyList<Choice> ChoicesFor(IReadOnlyDictionary<string, string> values) =>
        ChoicesFrom is null ? Choices
        : values.TryGetValue(ChoicesFrom, out var parent) && DependentChoices.TryGetValue(parent, out var choices) ? choices
        : [];
}

/// <summary>A group of fields; a repeating section (family in Japan) holds up to <see cref="MaxRepeat"/> rows.</summary>
public sealed record Section(string Key, string TitleKey, IReadOnlyList<Field> Fields)
{
    public ShowWhen? ShowWhen { get; init; }

    /// <summary>0 for a plain section; otherwise rows are keyed "&lt;section&gt;.&lt;i&gt;.&lt;field&gt;".</summary>
    public int MaxRepeat { get; init; }

    public string? HintKey { get; init; }
}

/// <summary>A refusal for one field: the field key (with row index for repeating sections) and a code.</summary>
public sealed record FieldError(string Key, string Code, string LabelKey, IReadOnlyList<object> Arguments);

/// <summary>The outcome of checking a form: the values kept (visible fields only, trimmed) and what is wrong.</summary>
public sealed record FormCheck(IReadOnlyDictionary<string, string> Values, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A procedure's form, as data: what the Portal renders, what the server validates (DOMAIN §4) and how the
/// Workbench shows a case. Values travel as a flat dictionary; the payload stored with a case is that
/// dictionary as JSON, with the form version.
/// </summary>
public sealed record FormDefinition(ProcedureKind Procedure, int Version, IReadOnlyList<Section> Sections)
{
    public IReadOnlyList<FormRule> Rules { get; init; } = [];

    public IReadOnlyList<CopyRule> Copies { get; init; } = [];

    public AttachmentPolicy Attachments { get; init; } = AttachmentPolicy.None;

    public IEnumerable<Field> AllFields => Sections.SelectMany(s => s.Fields);

    public Field? FindField(string key) => AllFields.FirstOrDefault(f => f.Key == key);

    /// <summary>The keys of the rows a repeating section has in <paramref name="values"/> (at least one).</summary>
    public static int RowCount(Section section, IReadOnlyDictionary<string, string> values)
    {
        var rows = 1;
        for (var i = 1; i < section.MaxRepeat; i++)
        {
            if (section.Fields.Any(f => values.ContainsKey(RowKey(section, i, f))))
            {
                rows = i + 1;
            }
        }

        return rows;
    }

    /// <summary>
    /// The key of a field in a row: "family.0.name". Dots, not brackets: the browser posts it as
    /// "Values[family.0.name]", and MVC's dictionary binding ends a key at its first "]".
    /// </summary>
    public static string RowKey(Section section, int row, Field field) => $"{section.Key}.{row}.{field.Key}";

    public static bool Shown(ShowWhen? condition, IReadOnlyDictionary<string, string> values) =>
        condition is null || (values.TryGetValue(condition.Field, out var value) && condition.Values.Contains(value, StringComparer.Ordinal)) != condition.Negate;

    /// <summary>
    /// Checks every visible field against its rules. Hidden fields are dropped, so a value typed before the
    /// applicant changed an earlier answer never reaches the case.
    /// </summary>
    public FormCheck Check(IReadOnlyDictionary<string, string?> input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = YearMonthDayValue.Compose(this, input)
            .Where(kv => !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value!.Trim(), StringComparer.Ordinal);
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections.Where(s => Shown(s.ShowWhen, values)))
        {
            var rows = section.MaxRepeat > 0 ? RowCount(section, values) : 1;
            for (var row = 0; row < rows; row++)
            {
                var rowValues = section.MaxRepeat > 0 ? RowView(section, row, values) : values;
                var emptyOptionalRow = section.MaxRepeat > 0 && row > 0 && section.Fields.All(f => !rowValues.ContainsKey(f.Key));
                if (emptyOptionalRow)
                {
                    continue;
                }

                foreach (var field in section.Fields.Where(f => Shown(f.ShowWhen, rowValues)))
                {
                    var key = section.MaxRepeat > 0 ? RowKey(section, row, field) : field.Key;
                    shown.Add(key);
                    rowValues.TryGetValue(field.Key, out var value);
                    if (CheckField(field, key, value, rowValues, today) is { } error)
                    {
                        errors.Add(error);
                    }

                    if (value is not null)
                    {
                        kept[key] = value;
                    }
                }
            }
        }

        foreach (var rule in Rules.Where(r => shown.Contains(r.Field) && errors.All(e => e.Key != r.Field) && r.Broken(kept)))
        {
            errors.Add(new FieldError(rule.Field, rule.Code, FindField(rule.Field)?.LabelKey ?? rule.Field, []));
        }

        foreach (var copy in Copies.Where(c => c.When.All(w => Shown(w, kept))))
        {
            foreach (var (from, to) in copy.Pairs)
            {
                if (kept.TryGetValue(from, out var value))
                {
                    kept[to] = value;
                }
            }
        }

        return new FormCheck(kept, errors);
    }

    private static Dictionary<string, string> RowView(Section section, int row, Dictionary<string, string> values)
    {
        var view = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var field in section.Fields)
        {
            view.Remove(field.Key);
            if (values.TryGetValue(RowKey(section, row, field), out var value))
            {
                view[field.Key] = value;
            }
        }

        return view;
    }

    private static FieldError? CheckField(Field field, string key, string? value, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        FieldError Fail(string code, params object[] arguments) => new(key, code, field.LabelKey, arguments);
        if (value is null)
        {
            return field.Required ? Fail("form.required") : null;
        }

        if (field.Kind is FieldKind.Select or FieldKind.Radio && !field.ChoicesFor(values).Any(c => c.Value == value))
        {
            return Fail("form.choice");
        }

        if (field.Kind == FieldKind.Checkbox && value != "true")
        {
            return Fail("form.choice");
        }

        if (field.Kind == FieldKind.YearMonthDay)
        {
            return YearMonthDayValue.Check(field, value, today) is { } code ? Fail(code) : null;
        }

        if (field.Kind == FieldKind.Date)
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Fail("form.date");
            }

            if (field.Format == FieldFormat.PastOrToday && date > today)
            {
                return Fail("form.date-future");
            }

            if (field.Format == FieldFormat.FutureDate && date <= today)
            {
                return Fail("form.date-past");
            }

            return null;
        }

        // The format's own message (e.g. "7 digits, no hyphen") says more than "too long", so it comes first.
        FieldError? Unless(bool valid, string code, params object[] arguments) => valid ? null : Fail(code, arguments);
        var formatError = field.Format switch
        {
            // Dates are checked above; a date format on a text field asks nothing of the text.
            FieldFormat.None or FieldFormat.PastOrToday or FieldFormat.FutureDate => null,
            FieldFormat.NameEnglish => Unless(FieldFormats.IsNameEnglish(value), "form.name-english"),
            FieldFormat.NameEnglishResidency => Unless(FieldFormats.IsNameEnglishResidency(value), "form.name-english-comma"),
            FieldFormat.ReceiptNumber => Unless(FieldFormats.IsReceiptNumber(value), "form.receipt-number"),
            FieldFormat.Phone => Unless(FieldFormats.IsPhone(value), "form.phone"),
            FieldFormat.PostalCode => Unless(FieldFormats.IsPostalCode(value), "form.postal-code"),
            FieldFormat.AddressInJapan => Unless(FieldFormats.IsFullWidthAddress(value, 80), "form.address", 80),
            FieldFormat.InstitutionAddress => Unless(FieldFormats.IsFullWidthAddress(value, 85), "form.address", 85),
            FieldFormat.ResidenceCardNumber => Unless(FieldFormats.IsResidenceCardNumber(value), "form.residence-card"),
            FieldFormat.Email => Unless(FieldFormats.IsEmail(value), "form.email"),
            FieldFormat.PassportNumber => Unless(FieldFormats.IsPassportNumber(value), "form.passport"),
            FieldFormat.EdNumberLetters => Unless(FieldFormats.IsEdLetters(value), "form.ed-letters"),
            FieldFormat.EdNumberDigits => Unless(FieldFormats.IsEdDigits(value), "form.ed-digits"),
            FieldFormat.Digits => Unless(value.All(char.IsAsciiDigit), "form.digits"),
        };
        return formatError ?? (value.Length > field.MaxLength ? Fail("form.too-long", field.MaxLength) : null);
    }
}
