namespace Rasens.Portal.Pages.Account;

/// <summary>Explanation of User Registration and the terms of use; Agree leads to the e-mail address (001 §2.2).</summary>
[AllowAnonymous]
public sealed class RegisterModel : PageModel
{
    /// <summary>Set by Agree; the e-mail step refuses to run without it.</summary>
    public const string AgreedKey = "registration-terms-agreed";

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        TempData[AgreedKey] = true;
        return RedirectToPage("/Account/Register/Email");
    }
}
