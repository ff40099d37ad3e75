namespace Rasens.Workbench.Infrastructure;

/// <summary>A refused case action in the user's language, one wording for every page that acts on cases.</summary>
public static class CaseRefusals
{
    /// <summary>409 when someone else's change got there first (the case changed, or was taken), 422 otherwise.</summary>
    public static int StatusCode(Error error) =>
        error?.Code is "case.stale" or "case.already-taken" ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;

    /// <param name="holder">Who holds the case now, to name in "already taken by …" and "held by …".</param>
    public static string Explain(this IStringLocalizer text, Error error, string? holder)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "case.already-taken" or "case.not-holder" when holder is not null => text["Error_" + error.Code + ".named", holder],
            // Every code CaseWork returns has a text; one added later without it still reads as a sentence, not a key.
            _ => text["Error_" + error.Code] is { ResourceNotFound: false } known ? known : text["Error_case.refused"],
        };
    }
}
