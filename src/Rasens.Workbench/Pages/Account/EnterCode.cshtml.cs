namespace Rasens.Workbench.Pages.Account;

/// <summary>
/// The second step of sign-in for staff with an authenticator: reachable only in the half-signed-in state a correct
/// password leaves (Identity's two-factor cookie); the code is checked on POST only, every attempt audited.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class EnterCodeModel(TwoFactorSignIn<StaffUser> twoFactor, WorkbenchOptions options) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!options.RequireTwoFactor)
        {
            return NotFound();
        }

        return await twoFactor.HasPendingCodeAsync() ? Page() : RedirectToPage("/Account/SignIn", new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.RequireTwoFactor)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await twoFactor.SignInWithCodeAsync(Input.Code, "staff.sign-in.code", HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome switch
        {
            CodeOutcome.SignedIn => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/"),
            CodeOutcome.NoPendingSignIn => RedirectToPage("/Account/SignIn", new { ReturnUrl }),
            CodeOutcome.Refused => Refused(),
        };
    }

    private PageResult Refused()
    {
        // One message for a wrong, reused or late code and for a locked account alike.
        Failed = true;
        ModelState.Remove("Input.Code");
        Input.Code = "";
        return Page();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Code")]
        // Full-width digits too: the input method may be in Japanese mode (Authenticator.Normalize converts them).
        [RegularExpression(@"^\s*[0-9０-９]{3}[\s\-－]?[0-9０-９]{3}\s*$", ErrorMessage = "Validation_Code")]
        public string Code { get; set; } = "";
    }
}
