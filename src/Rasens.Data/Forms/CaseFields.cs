using System.Globalization;
using System.Text.Json;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;

namespace Rasens.Data.Forms;

/// <summary>One section of a submitted case as people read it: labels and values in a language.</summary>
public sealed record CaseFieldSection(string Title, IReadOnlyList<(string Label, string Value)> Rows);

/// <summary>
/// Turns a form's values back into labelled sections through its procedure's form definition (choices shown
/// by their text, rows of repeating sections numbered), so the confirmation page, the Portal's details page,
/// Print Details and the Workbench's case page all agree.
/// </summary>
public static class CaseFields
{
    // Requests for use have no form definition: their payload is the card's basic 4 plus two fields.
    private static readonly (string Key, string Label)[] UsageRequestFields =
    [
        ("nameEnglish", "field.nameEnglish"), ("sex", "field.sex"), ("dateOfBirth", "field.dateOfBirth"),
        ("address", "field.address"), ("residenceCardNumber", "field.residenceCardNumber"), ("phone", "field.phone"),
    ];

    public static IReadOnlyList<CaseFieldSection> Read(Application application, ProcedureKind procedure, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(application);
        var values = Values(application.Payload);
        if (FormDefinitions.For(procedure) is { } form)
        {
            return Summarise(form, values, culture);
        }

        var rows = UsageRequestFields.Where(f => values.ContainsKey(f.Key))
            .Select(f => (FormTexts.Get(f.Label, culture), f.Key == "sex" ? FormTexts.Get("sex." + values[f.Key], culture) : values[f.Key]))
            .ToList();
        return rows.Count == 0 ? [] : [new CaseFieldSection(FormTexts.Get("section.applicant", culture), rows)];
    }

    /// <summary>The values of a form, section by section, as the form shows them; empty sections are left out.</summary>
    public static IReadOnlyList<CaseFieldSection> Summarise(FormDefinition form, IReadOnlyDictionary<string, string> values, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(values);
        var sections = new List<CaseFieldSection>();
        foreach (var section in form.Sections.Where(s => FormDefinition.Shown(s.ShowWhen, values)))
        {
            var title = FormTexts.Get(section.TitleKey, culture);
            if (section.MaxRepeat == 0)
            {
                Add(sections, title, section.Fields, f => f.Key, values, culture);
                continue;
            }

            var rows = FormDefinition.RowCount(section, values);
            for (int row = 0, shown = 0; row < rows; row++)
            {
                var index = row;
                if (Add(sections, $"{title} {shown + 1}", section.Fields, f => FormDefinition.RowKey(section, index, f), values, culture))
                {
                    shown++;
                }
            }
        }

        return sections;
    }

    /// <summary>The text of one value: a choice's label, a ticked box, a date with unknown parts, or the value itself.</summary>
    public static string Display(Field field, string value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        if (field.Kind == FieldKind.Checkbox)
        {
            return FormTexts.Get(value == "true" ? "checkbox.true" : "checkbox.false", culture);
        }

        if (field.Kind == FieldKind.YearMonthDay)
        {
            return YearMonthDayValue.Display(value, culture);
        }

        if (field.Kind == FieldKind.Date)
        {
            // Read as the manuals write dates (2026/11/01), like the three-box dates.
            return value.Replace('-', '/');
        }

        var choice = field.Choices.Concat(field.DependentChoices.Values.SelectMany(c => c)).FirstOrDefault(c => c.Value == value);
        return choice is null ? value : FormTexts.Get(choice.TextKey, culture);
    }

    public static Dictionary<string, string> Values(string payload)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(payload);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                values[property.Name] = property.Value.ToString();
            }
        }

        return values;
    }

    private static bool Add(List<CaseFieldSection> sections, string title, IReadOnlyList<Field> fields, Func<Field, string> keyOf, IReadOnlyDictionary<string, string> values, CultureInfo culture)
    {
        var rows = new List<(string, string)>();
        foreach (var field in fields)
        {
            if (values.TryGetValue(keyOf(field), out var value))
            {
                rows.Add((FormTexts.Get(field.LabelKey, culture), Display(field, value, culture)));
            }
        }

        if (rows.Count > 0)
        {
            sections.Add(new CaseFieldSection(title, rows));
        }

        return rows.Count > 0;
    }
}
