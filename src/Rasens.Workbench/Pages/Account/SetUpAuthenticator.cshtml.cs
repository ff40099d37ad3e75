using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Pages.Account;

/// <summary>
/// First sign-in of someone without an authenticator: the key (QR code and typed), then the first code, which
/// turns two-factor on and signs in. Reachable only with the short-lived enrolment marker a correct password leaves.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class SetUpAuthenticatorModel(TwoFactorSignIn<StaffUser> twoFactor, WorkbenchOptions options) : PageModel
{
    [BindProperty]
    public EnterCodeModel.CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    /// <summary>The key in groups of four.</summary>
    public string SharedKey { get; private set; } = "";

    /// <summary>The otpauth:// address as inline SVG markup.</summary>
    public string QrCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => options.RequireTwoFactor ? await ShowAsync() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.RequireTwoFactor)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync();
        }

        var outcome = await twoFactor.EnrolAsync(Input.Code, "staff.two-factor.enrol", HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome switch
        {
            CodeOutcome.SignedIn => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/"),
            CodeOutcome.NoPendingSignIn => RedirectToPage("/Account/SignIn", new { ReturnUrl }),
            CodeOutcome.Refused => await RefusedAsync(),
        };

        async Task<IActionResult> RefusedAsync()
        {
            Failed = true;
            ModelState.Remove("Input.Code");
            Input.Code = "";
            return await ShowAsync();
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (await twoFactor.PendingEnrolmentAsync(WorkbenchApp.AuthenticatorIssuer) is not { } enrolment)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        SharedKey = enrolment.SharedKey;
        QrCode = QrSvg.Render(enrolment.Uri);
        return Page();
    }
}
