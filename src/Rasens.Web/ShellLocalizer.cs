using Microsoft.Extensions.Localization;

namespace Rasens.Web;

/// <summary>
/// The texts of the app the shell is serving, for the shell's own pages and partials: each app registers its
/// resources (<see cref="RasensShell.AddRasensShell{TResource}"/>), so the Portal's error page speaks its eight
/// languages and the Workbench's its two, from keys both resource sets have (ErrorTitle, ErrorSummaryTitle…).
/// </summary>
public interface IShellLocalizer : IStringLocalizer;

internal sealed class ShellLocalizer<TResource>(IStringLocalizer<TResource> texts) : IShellLocalizer
{
    public LocalizedString this[string name] => texts[name];

    public LocalizedString this[string name, params object[] arguments] => texts[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts.GetAllStrings(includeParentCultures);
}
