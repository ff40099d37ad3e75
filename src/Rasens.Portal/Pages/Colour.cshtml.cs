using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rasens.Portal.Infrastructure;
using Rasens.Web;

namespace Rasens.Portal.Pages;

/// <summary>Remembers the chosen colour scheme (Standard, Blue, Yellow, Black) and returns to the page.</summary>
[AllowAnonymous]
public sealed class ColourModel : RememberChoiceModel
{
    public IActionResult OnPost(string scheme, string? returnUrl) =>
        RememberAndReturn(ColourScheme.CookieName, ColourScheme.All.Contains(scheme, StringComparer.Ordinal) ? scheme : null, returnUrl);
}
