using Rasens.Portal.Infrastructure;
using Rasens.Web;

namespace Rasens.Portal.Pages;

/// <summary>Remembers the chosen colour scheme (Standard, Blue, Yellow, Black) and returns to the page.</summary>
[AllowAnonymous]
public sealed class ColourModel(TimeProvider clock) : RememberChoiceModel(clock)
{
    public IActionResult OnPost(string scheme, string? returnUrl) =>
        RememberAndReturn(ColourScheme.CookieName, ColourScheme.All.Contains(scheme, StringComparer.Ordinal) ? scheme : null, returnUrl);
}
