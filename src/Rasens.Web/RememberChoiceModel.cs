using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rasens.Web;

/// <summary>
/// A page a header form posts one choice to (the language; in the Portal also the colour scheme): it keeps the choice
/// in a cookie for a year and goes back to the page the user was on. It has nothing to show, so a GET is not found.
/// </summary>
public abstract class RememberChoiceModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    /// <summary>
    /// Stores <paramref name="value"/> (null: the choice was not one on offer, and nothing is stored), then returns to
    /// <paramref name="returnUrl"/> if it is an address on this site, else to the top page.
    /// </summary>
    protected IActionResult RememberAndReturn(string cookie, string? value, string? returnUrl)
    {
        if (value is not null)
        {
            Response.Cookies.Append(cookie, value,
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
