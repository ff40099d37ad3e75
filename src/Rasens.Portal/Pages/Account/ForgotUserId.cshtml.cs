namespace Rasens.Portal.Pages.Account;

/// <summary>
/// If you forgot your User ID (001 §3.4): the registered e-mail address and English name; the ID goes
/// by e-mail. The screen answers the same whether or not they matched, so it reveals nothing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ForgotUserIdModel(ApplicantAccounts accounts) : PageModel
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

        await accounts.SendUserIdsAsync(Input.Email, Input.NameEnglish, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [NameEnglish]
        [Display(Name = "NameEnglish")]
        public string NameEnglish { get; set; } = "";
    }
}
