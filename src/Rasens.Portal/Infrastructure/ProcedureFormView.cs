namespace Rasens.Portal.Infrastructure;

/// <summary>What the shared form partial needs: the definition, what was typed, and the errors in the user's language.</summary>
public sealed record ProcedureFormView(FormDefinition Form, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Errors that belong to no field of the form (a missing photo), each with the element it links to.</summary>
    public IReadOnlyList<(string Href, string Message)> OtherErrors { get; init; } = [];

    public static string Id(string key) => "f_" + key.Replace('[', '_').Replace(']', '_').Replace('.', '_');

    /// <summary>The text of a value in the user's language (see <see cref="CaseFields.Display"/>).</summary>
    public static string Display(Field field, string value) => CaseFields.Display(field, value, CultureInfo.CurrentUICulture);
}
