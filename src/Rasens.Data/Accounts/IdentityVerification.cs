namespace Rasens.Data.Accounts;

public enum VerificationPurpose
{
    /// <summary>Request for use before the first notification (procedure 1).</summary>
    Notifications = 1,

    /// <summary>Request for use before the first residence application (procedure 2).</summary>
    ResidenceApplications = 2,
}

public enum VerificationState
{
    Waiting = 1,
    Completed = 2,
    Expired = 3,
    Failed = 4,
}

/// <summary>
/// One reading of the My Number card's certificate and "basic 4 information" for a request for use
/// (DOMAIN §2). The PC page waits on it; the card reader (simulated or real) completes it.
/// </summary>
public sealed class IdentityVerification
{
    public Guid Id { get; set; }

    public Guid ApplicantId { get; set; }

    public VerificationPurpose Purpose { get; set; }

    public VerificationState State { get; set; }

    /// <summary>Which adapter read the card, e.g. "simulated"; shown to staff.</summary>
    public string Adapter { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>SHA-256 of the secret in the reader's link (the QR code); only its holder can complete the reading.</summary>
    public string ReaderKeyHash { get; set; } = "";

    /// <summary>The request for use this reading was used for; a reading is used once.</summary>
    public long? ApplicationId { get; set; }

    public Applications.Application? Application { get; set; }

    public string? Name { get; set; }

    public string? Address { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public string? Sex { get; set; }
}
