namespace Rasens.Portal.Pages.Account.Register;

/// <summary>The e-mail address, entered twice; a link valid 24 hours is sent to it (001 §2.2 step 4–5).</summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class EmailModel(
    EmailLinks links, Mailer mailer, RasensDbContext db, RasensOptions options, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public IActionResult OnGet() => Agreed ? Page() : RedirectToPage("/Account/Register");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Agreed)
        {
            return RedirectToPage("/Account/Register");
        }

        if (ModelState.IsValid && !string.Equals(Input.Email, Input.ConfirmEmail, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.ConfirmEmail", text["Validation_EmailMismatch"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = links.Create(EmailLinkPurpose.Registration, Input.Email, applicantId: null);
        mailer.Queue("registration-link", Input.Email, CultureInfo.CurrentUICulture.Name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Link"] = options.PortalLink($"/Account/Register/Form?token={token}"),
            ["Expires"] = JapanTime.Format(clock.GetUtcNow().UtcDateTime + EmailLinks.Lifetime),
        });
        await db.SaveChangesAsync(cancellationToken);
        Sent = true;
        return Page();
    }

    private bool Agreed => TempData.Peek(RegisterModel.AgreedKey) is true;

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "EmailConfirm")]
        public string ConfirmEmail { get; set; } = "";
    }
}
