using System.Globalization;
using System.Text.Json;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;

namespace Rasens.Data.Forms;

/// <summary>One section of a submitted case as people read it: labels and values in a language.</summary>
public sealed record CaseFieldSection(string Title, IReadOnlyList<(string Label, string Value)> Rows);

/// <summary>
/// Turns a case's payload back into labelled sections through its procedure's form definition (choices shown
/// by their text), so the Portal's details page, Print Details and the Workbench's case page all agree.
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
        if (FormDefinitions.For(procedure) is not { } form)
        {
            var rows = UsageRequestFields.Where(f => values.ContainsKey(f.Key))
                .Select(f => (FormTexts.Get(f.Label, culture), f.Key == "sex" ? FormTexts.Get("sex." + values[f.Key], culture) : values[f.Key]))
                .ToList();
            return rows.Count == 0 ? [] : [new CaseFieldSection(FormTexts.Get("section.applicant", culture), rows)];
        }

        var sections = new List<CaseFieldSection>();
        foreach (var section in form.Sections.Where(s => FormDefinition.Shown(s.ShowWhen, values)))
        {
            var rows = new List<(string, string)>();
            foreach (var field in section.Fields)
            {
                if (values.TryGetValue(field.Key, out var value))
                {
                    var choice = field.Choices.Concat(field.DependentChoices.Values.SelectMany(c => c)).FirstOrDefault(c => c.Value == value);
                    rows.Add((FormTexts.Get(field.LabelKey, culture), choice is null ? value : FormTexts.Get(choice.TextKey, culture)));
                }
            }

            if (rows.Count > 0)
            {
                sections.Add(new CaseFieldSection(FormTexts.Get(section.TitleKey, culture), rows));
            }
        }

        return sections;
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
}
