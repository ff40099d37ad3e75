using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Account;

/// <summary>
/// The reset link's page: a new password (the policy, entered twice). Setting it consumes the link, lifts an
/// account lock at once (001 §3.2 reference), signs out other sessions and sends a confirmation e-mail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ResetPasswordModel(EmailLinks links, ApplicantAccounts accounts, PasswordFeedback passwords) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public Error? LinkError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        LinkError = (await links.FindUsableAsync(Token, EmailLinkPurpose.PasswordReset, cancellationToken)).Error;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A link that cannot be used says so first; only then does the password matter.
        LinkError = (await links.FindUsableAsync(Token, EmailLinkPurpose.PasswordReset, cancellationToken)).Error;
        if (LinkError is not null || !passwords.Check(ModelState, Password, ConfirmPassword, nameof(Password), nameof(ConfirmPassword)))
        {
            return Page();
        }

        var reset = await accounts.ResetPasswordAsync(Token, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (reset.Succeeded)
        {
            return Redirect("/Account/Login?Notice=reset");
        }

        if (reset.Error!.Code.StartsWith("link.", StringComparison.Ordinal))
        {
            LinkError = reset.Error;
        }
        else
        {
            passwords.Add(ModelState, reset.Error, nameof(Password));
        }

        return Page();
    }
}
