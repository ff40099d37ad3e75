using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages;

/// <summary>Remembers the chosen colour scheme (Standard, Blue, Yellow, Black) and returns to the page.</summary>
[AllowAnonymous]
public sealed class ColourModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string scheme, string? returnUrl)
    {
        if (ColourScheme.All.Contains(scheme, StringComparer.Ordinal))
        {
            Response.Cookies.Append(ColourScheme.CookieName, scheme,
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
