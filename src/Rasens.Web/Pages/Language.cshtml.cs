using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Rasens.Web.Pages;

/// <summary>
/// The header's language menu posts here: a language the app supports (its request localization, set by
/// <see cref="RasensShell.AddRasensShell{TResource}"/>) is remembered in the standard culture cookie; any other value is ignored.
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel(IOptions<RequestLocalizationOptions> localization, TimeProvider clock) : RememberChoiceModel(clock)
{
    public IActionResult OnPost(string culture, string? returnUrl)
    {
        var supported = localization.Value.SupportedUICultures?.Any(c => c.Name == culture) == true;
        return RememberAndReturn(
            CookieRequestCultureProvider.DefaultCookieName,
            supported ? CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)) : null,
            returnUrl);
    }
}
