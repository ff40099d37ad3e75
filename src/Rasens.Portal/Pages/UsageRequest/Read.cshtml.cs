using QRCoder;

namespace Rasens.Portal.Pages.UsageRequest;

/// <summary>
/// "QR Code for reading the digital certificate": the code the phone scans, and "Waiting for the user
/// identification digital certificate to be read". The page moves on by itself when the reading completes
/// (SignalR, with polling as a safety net) and says so clearly when the time runs out.
/// </summary>
public sealed class ReadModel(IdentityVerifications verifications, IIdentityVerifier verifier, UserManager<ApplicantUser> users, RasensDbContext db) : PageModel
{
    public IdentityVerification Verification { get; private set; } = null!;

    public string ReaderUrl { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await verifications.FindOwnAsync(id, ApplicantId, cancellationToken) is not { } verification)
        {
            return NotFound();
        }

        if (verification.State == VerificationState.Completed)
        {
            return RedirectToPage("/UsageRequest/Form", new { id });
        }

        Verification = verification;
        if (verification.State == VerificationState.Waiting)
        {
            // A fresh key for every display: the QR code on screen is the only one that works.
            ReaderUrl = verifier.ReaderUrl(verification, IdentityVerifications.IssueReaderKey(verification));
            await db.SaveChangesAsync(cancellationToken);
            using var data = QRCodeGenerator.GenerateQrCode(ReaderUrl, QRCodeGenerator.ECCLevel.M);
            QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        }

        return Page();
    }

    /// <summary>Polled by the page (marked as background, so it does not keep the session alive).</summary>
    public async Task<IActionResult> OnGetStateAsync(Guid id, CancellationToken cancellationToken) =>
        await verifications.FindOwnAsync(id, ApplicantId, cancellationToken) is { } verification
            ? new JsonResult(new { state = verification.State.ToString() })
            : NotFound();

    private Guid ApplicantId => Guid.Parse(users.GetUserId(User)!);
}
