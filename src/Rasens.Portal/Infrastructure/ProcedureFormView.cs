using Rasens.Data.Forms;

namespace Rasens.Portal.Infrastructure;

/// <summary>What the shared form partial needs: the definition, what was typed, and the errors in the user's language.</summary>
public sealed record ProcedureFormView(FormDefinition Form, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public static string Id(string key) => "f_" + key.Replace('[', '_').Replace(']', '_').Replace('.', '_');

    /// <summary>The text of a value: a choice's label, or the value itself.</summary>
    public static string Display(Field field, string value)
    {
        var choice = field.Choices.Concat(field.DependentChoices.Values.SelectMany(c => c)).FirstOrDefault(c => c.Value == value);
        return choice is null ? value : FormTexts.Get(choice.TextKey);
    }
}
