using Microsoft.AspNetCore.SignalR;
using Rasens.Portal.Hubs;

namespace Rasens.Portal.Pages.SimulatedCardReader;

/// <summary>
/// SIMULATED card reader: plays the part of the phone app that reads the My Number card (PIN of the
/// user-authentication certificate, then the basic 4 information). Reached only through the QR code's
/// link, whose secret key is the authorization; it never reads a real card.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(IdentityVerifications verifications, RasensDbContext db, IHubContext<PortalHub> hub) : PageModel
{
    public enum Step
    {
        Pin,
        Card,
        Done,
        Closed,
    }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty]
    public string? Pin { get; set; }

    [BindProperty]
    public CardContents Card { get; set; } = new();

    public Step Mode { get; private set; } = Step.Pin;

    public Error? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await verifications.FindForReaderAsync(id, Key, cancellationToken) is not { } verification)
        {
            return NotFound();
        }

        Mode = verification.State == VerificationState.Waiting ? Step.Pin : Step.Closed;
        return Page();
    }

    /// <summary>Step 1: the 4-digit PIN. Step 2 shows the card's contents, which a tester may edit.</summary>
    public async Task<IActionResult> OnPostPinAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await verifications.FindForReaderAsync(id, Key, cancellationToken) is not { } verification)
        {
            return NotFound();
        }

        ModelState.Clear();
        if (Pin is not { Length: 4 } || !Pin.All(char.IsAsciiDigit))
        {
            Problem = IdentityVerifications.PinFormat;
            return Page();
        }

        var name = await db.ApplicantUsers.Where(u => u.Id == verification.ApplicantId).Select(u => u.NameEnglish).SingleAsync(cancellationToken);
        Card = new CardContents { Name = name, Address = "東京都千代田区霞が関１－１－１", DateOfBirth = new DateOnly(1995, 4, 1), Sex = "Female" };
        Mode = Step.Card;
        return Page();
    }

    /// <summary>Scan: completes the reading and tells the waiting PC page at once.</summary>
    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await verifications.FindForReaderAsync(id, Key, cancellationToken) is not { } verification)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Mode = Step.Card;
            return Page();
        }

        var result = await verifications.CompleteAsync(verification, new Basic4(Card.Name, Card.Address, Card.DateOfBirth!.Value, Card.Sex), cancellationToken);
        if (!result.Succeeded)
        {
            Problem = result.Error;
            Mode = Step.Closed;
            return Page();
        }

        await hub.Clients.Group(PortalHub.GroupOf(verification.ApplicantId)).SendAsync("identityVerified", verification.Id.ToString(), cancellationToken);
        Mode = Step.Done;
        return Page();
    }

    public sealed class CardContents
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(104, ErrorMessage = "Validation_TooLong")]
        [Display(Name = "NameEnglish")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(200, ErrorMessage = "Validation_TooLong")]
        [Display(Name = "AddressInJapan")]
        public string Address { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "DateOfBirth")]
        public DateOnly? DateOfBirth { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [RegularExpression("^(Male|Female)$", ErrorMessage = "Validation_Required")]
        [Display(Name = "Sex")]
        public string Sex { get; set; } = "";
    }
}
