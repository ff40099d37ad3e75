namespace Rasens.Portal.Pages.Account;

/// <summary>
/// If you forgot your password (001 §3.5): User ID and registered e-mail; a single-use link valid 24 hours
/// goes to that address. The same answer on screen whether or not they matched.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ForgotPasswordModel(ApplicantAccounts accounts) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await accounts.SendPasswordResetAsync(Input.UserId, Input.Email, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(32, ErrorMessage = "Validation_TooLong")]
        [Display(Name = "UserId")]
        public string UserId { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }
}
