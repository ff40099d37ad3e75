using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Events;

namespace Rasens.Data.Accounts;

/// <summary>The card's "basic 4 information" (DOMAIN §2).</summary>
public sealed record Basic4(string Name, string Address, DateOnly DateOfBirth, string Sex);

/// <summary>
/// The port to whatever reads the My Number card (DOMAIN §2 decision). The shipped adapter is the
/// simulated card reader in the Portal; a real JPKI / Mynaportal adapter implements the same thing.
/// </summary>
public interface IIdentityVerifier
{
    /// <summary>Stored on the reading and shown to staff, e.g. "simulated".</summary>
    string Adapter { get; }

    /// <summary>The address the phone opens (the QR code), carrying the reading's secret key.</summary>
    string ReaderUrl(IdentityVerification verification, string readerKey);
}

/// <summary>
/// Card readings for requests for use: started by the applicant's PC, completed by the reader holding
/// the key from the QR code, waited for by the PC page, used for exactly one request for use.
/// </summary>
public sealed class IdentityVerifications(RasensDbContext db, TimeProvider clock)
{
    /// <summary>How long the PC page waits for the card to be read.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);

    public static Error NotFound { get; } = new("verification.not-found", "This card reading does not exist or has been replaced.");

    public static Error TimedOut { get; } = new("verification.expired", "The time to read the card has run out. Start the reading again.");

    public static Error NotWaiting { get; } = new("verification.not-waiting", "This card reading has already been completed.");

    public static Error PinFormat { get; } = new("verification.pin", "Enter the 4-digit PIN of the user authentication certificate.");

    /// <summary>Starts a reading in the caller's unit of work. Its reader link comes from <see cref="IssueReaderKey"/>.</summary>
    public IdentityVerification Start(Guid applicantId, VerificationPurpose purpose, string adapter)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var verification = new IdentityVerification
        {
            Id = Guid.NewGuid(),
            ApplicantId = applicantId,
            Purpose = purpose,
            State = VerificationState.Waiting,
            Adapter = adapter,
            CreatedAt = now,
            ExpiresAt = now + WaitLimit,
        };
        IssueReaderKey(verification);
        db.IdentityVerifications.Add(verification);
        return verification;
    }

    /// <summary>
    /// A new secret for the reader's link (the QR code), replacing any earlier one: only the code on the
    /// screen now works. Saved with the caller's unit of work.
    /// </summary>
    public static string IssueReaderKey(IdentityVerification verification)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        verification.ReaderKeyHash = EmailLinks.Hash(key);
        return key;
    }

    /// <summary>The applicant's own reading, with an overdue wait marked expired. Someone else's is "not found".</summary>
    public async Task<IdentityVerification?> FindOwnAsync(Guid id, Guid applicantId, CancellationToken cancellationToken = default)
    {
        var verification = await db.IdentityVerifications.SingleOrDefaultAsync(v => v.Id == id && v.ApplicantId == applicantId, cancellationToken);
        if (verification is { State: VerificationState.Waiting } && clock.GetUtcNow().UtcDateTime >= verification.ExpiresAt)
        {
            verification.State = VerificationState.Expired;
            await db.SaveChangesAsync(cancellationToken);
        }

        return verification;
    }

    /// <summary>The reading the reader's link points at, if the key is right; anything else is "not found".</summary>
    public async Task<IdentityVerification?> FindForReaderAsync(Guid id, string? readerKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(readerKey) || readerKey.Length > 100)
        {
            return null;
        }

        var hash = EmailLinks.Hash(readerKey);
        return await db.IdentityVerifications.SingleOrDefaultAsync(v => v.Id == id && v.ReaderKeyHash == hash, cancellationToken);
    }

    /// <summary>
    /// The reader has read the card: stores the basic 4 information and announces it (event outbox) so
    /// the waiting PC page moves on.
    /// </summary>
    public async Task<Result> CompleteAsync(IdentityVerification verification, Basic4 card, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (verification.State != VerificationState.Waiting)
        {
            return verification.State == VerificationState.Expired ? TimedOut : NotWaiting;
        }

        if (now >= verification.ExpiresAt)
        {
            verification.State = VerificationState.Expired;
            await db.SaveChangesAsync(cancellationToken);
            return TimedOut;
        }

        verification.State = VerificationState.Completed;
        verification.CompletedAt = now;
        verification.Name = card.Name;
        verification.Address = card.Address;
        verification.DateOfBirth = card.DateOfBirth;
        verification.Sex = card.Sex;
        db.OutboxEvents.Add(new OutboxEvent
        {
            CreatedAt = now,
            Type = "identity.verified",
            ApplicantId = verification.ApplicantId,
            Payload = JsonSerializer.Serialize(new { verificationId = verification.Id }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
