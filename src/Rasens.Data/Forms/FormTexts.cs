using System.Globalization;
using System.Resources;

namespace Rasens.Data.Forms;

/// <summary>
/// Labels, hints and choices of the procedure forms (FormTexts.&lt;culture&gt;.resx, all eight languages),
/// shared by the Portal (in the applicant's language) and the Workbench (Japanese and English).
/// </summary>
public static class FormTexts
{
    private static readonly ResourceManager Texts = new("Rasens.Data.Forms.FormTexts", typeof(FormTexts).Assembly);

    public static string Get(string key, CultureInfo culture) => Texts.GetString(key, culture) ?? key;

    public static string Get(string key) => Get(key, CultureInfo.CurrentUICulture);

    /// <summary>Every text key a form uses: its sections, fields, hints and choices.</summary>
    public static IEnumerable<string> KeysOf(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var section in form.Sections)
        {
            yield return section.TitleKey;
            if (section.HintKey is not null)
            {
                yield return section.HintKey;
            }

            foreach (var field in section.Fields)
            {
                yield return field.LabelKey;
                if (field.HintKey is not null)
                {
                    yield return field.HintKey;
                }

                foreach (var choice in field.Choices.Concat(field.DependentChoices.Values.SelectMany(c => c)))
                {
                    yield return choice.TextKey;
                }
            }
        }
    }

    internal static string? Find(string key, CultureInfo culture) => Texts.GetString(key, culture);
}
