namespace Rasens.Portal.Pages.Account.Register;

/// <summary>UserRegister Completed: the new User ID, shown once (it is also e-mailed).</summary>
[AllowAnonymous]
public sealed class CompletedModel : PageModel
{
    public string UserId { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (TempData[FormModel.NewUserIdKey] is not string userId)
        {
            return RedirectToPage("/Account/Login");
        }

        UserId = userId;
        return Page();
    }
}
