using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>Changing the password (001 §6.4): the current password, the new one twice; a confirming e-mail.</summary>
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ChangePasswordModel(
    UserManager<ApplicantUser> users,
    SignInManager<ApplicantUser> signIn,
    ApplicantAccounts accounts,
    PasswordFeedback passwords,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), text["Validation_Required", text["CurrentPassword"]]);
        }

        passwords.Check(ModelState, Password, ConfirmPassword, nameof(Password), nameof(ConfirmPassword));

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await Reauthentication.CheckAsync(signIn, user, CurrentPassword!) is { } refused)
        {
            if (refused == Reauthentication.Outcome.LockedOut)
            {
                return await Reauthentication.LockedOutAsync(signIn);
            }

            ModelState.AddModelError(nameof(CurrentPassword), text["Validation_CurrentPassword"]);
            return Page();
        }

        var changed = await accounts.ChangePasswordAsync(user.Id, CurrentPassword!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (!changed.Succeeded)
        {
            passwords.Add(ModelState, changed.Error!, nameof(Password));
            return Page();
        }

        await signIn.RefreshSignInAsync(user); // the security stamp changed: keep this session, end the others
        return Redirect("/MyPage/User?Changed=password");
    }
}
