namespace Rasens.Portal.Pages.UsageRequest;

/// <summary>"About Electronic Certificate Reading" (002 §3.2 step 5); Proceed to Next starts a card reading.</summary>
public sealed class AboutModel(UsageRequests usage, IdentityVerifications verifications, IIdentityVerifier verifier, UserManager<ApplicantUser> users, RasensDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public VerificationPurpose Purpose { get; set; }

    public Error? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Refusal = await usage.CheckCanStartAsync(ApplicantId, UsageRequests.ProcedureFor(Purpose), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Refusal = await usage.CheckCanStartAsync(ApplicantId, UsageRequests.ProcedureFor(Purpose), cancellationToken);
        if (Refusal is not null)
        {
            return Page();
        }

        var verification = verifications.Start(ApplicantId, Purpose, verifier.Adapter);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/UsageRequest/Read", new { id = verification.Id });
    }

    private Guid ApplicantId => Guid.Parse(users.GetUserId(User)!);
}
