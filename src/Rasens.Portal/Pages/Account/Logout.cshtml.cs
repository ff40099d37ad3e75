using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rasens.Data.Accounts;

namespace Rasens.Portal.Pages.Account;

/// <summary>Logout is a POST; GET only asks.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ApplicantUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
