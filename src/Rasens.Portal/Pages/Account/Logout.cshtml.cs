namespace Rasens.Portal.Pages.Account;

/// <summary>Logout is a POST (GET only asks). After an automatic logout the login page says why.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ApplicantUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? reason)
    {
        await signIn.SignOutAsync();
        return reason == "timeout" ? Redirect("/Account/Login?Notice=timeout") : RedirectToPage("/Index");
    }
}
