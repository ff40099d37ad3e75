using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>
/// Changing the e-mail address (001 §6.3): the new address twice and, to re-authenticate, the current
/// password. A link valid 24 hours goes to the new address; nothing changes until it is opened.
/// </summary>
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ChangeEmailModel(
    UserManager<ApplicantUser> users,
    SignInManager<ApplicantUser> signIn,
    ApplicantAccounts accounts,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (ModelState.IsValid && !string.Equals(Input.Email, Input.ConfirmEmail, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.ConfirmEmail", text["Validation_EmailMismatch"]);
        }

        // Asked before the password is checked, so an unchanged address costs no attempt towards the lockout.
        if (ModelState.IsValid && accounts.EmailChangeRefusal(user, Input.Email) is not null)
        {
            ModelState.AddModelError("Input.Email", text["Validation_EmailUnchanged"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await Reauthentication.CheckAsync(signIn, user, Input.CurrentPassword) is { } refused)
        {
            return refused == Reauthentication.Outcome.LockedOut ? await Reauthentication.LockedOutAsync(signIn) : WrongPassword();
        }

        var requested = await accounts.RequestEmailChangeAsync(user.Id, Input.Email, cancellationToken);
        if (!requested.Succeeded)
        {
            ModelState.AddModelError("Input.Email", text["Validation_EmailUnchanged"]);
            return Page();
        }

        return Redirect("/MyPage/User?Changed=email-sent");
    }

    private PageResult WrongPassword()
    {
        ModelState.AddModelError("Input.CurrentPassword", text["Validation_CurrentPassword"]);
        return Page();
    }

    public sealed class ChangeEmailInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "NewEmail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "EmailConfirm")]
        public string ConfirmEmail { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "CurrentPassword")]
        public string CurrentPassword { get; set; } = "";
    }
}
