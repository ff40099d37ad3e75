namespace Rasens.Portal.Pages.UsageRequest;

/// <summary>
/// User Information Input for a request for use: the card's basic 4 information (read-only), plus the
/// residence card number and telephone number; confirmation; Apply (002 §3.2 steps 15–18). Apply makes
/// exactly one request however often it is sent: the reading is consumed by the first.
/// </summary>
public sealed class FormModel(IdentityVerifications verifications, UsageRequests usage, UserManager<ApplicantUser> users, RasensOptions options) : PageModel
{
    [BindProperty]
    public UsageInput Input { get; set; } = new();

    public IdentityVerification Verification { get; private set; } = null!;

    public bool Confirming { get; private set; }

    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } redirect)
        {
            return redirect;
        }

        Input.Phone = (await users.GetUserAsync(User))?.PhoneNumber ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } redirect)
        {
            return redirect;
        }

        Confirming = ModelState.IsValid;
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } redirect)
        {
            return redirect;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var applicant = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var submitted = await usage.SubmitAsync(applicant, Verification, new UsageRequestInput(Input.ResidenceCardNumber, Input.Phone), options.UsageRequestOfficeId, cancellationToken);
        if (!submitted.Succeeded)
        {
            Refusal = submitted.Error;
            return Page();
        }

        return RedirectToPage("/UsageRequest/Completed", new { id = submitted.Value!.Id });
    }

    /// <summary>The applicant's own completed reading, or where to go instead.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var verification = await verifications.FindOwnAsync(id, Guid.Parse(users.GetUserId(User)!), cancellationToken);
        if (verification is null)
        {
            return NotFound();
        }

        if (verification.ApplicationId is { } done)
        {
            return RedirectToPage("/UsageRequest/Completed", new { id = done });
        }

        if (verification.State != VerificationState.Completed)
        {
            return RedirectToPage("/UsageRequest/Read", new { id });
        }

        Verification = verification;
        return null;
    }

    public sealed class UsageInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [ResidenceCardNumber]
        [Display(Name = "ResidenceCardNumber")]
        public string ResidenceCardNumber { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [PhoneDigits]
        [Display(Name = "Phone")]
        public string Phone { get; set; } = "";
    }
}
