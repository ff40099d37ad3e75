namespace Rasens.Data.Certificates;

public enum CertificateStatus
{
    /// <summary>Issued and e-mailed; receipt not yet registered.</summary>
    Issued = 1,

    /// <summary>The applicant registered receipt in the Portal (003 §5).</summary>
    ReceiptRegistered = 2,

    Revoked = 3,
}

/// <summary>
/// An electronic Certificate of Eligibility (DOMAIN §8): applied for in person, issued by the
/// Workbench as a PDF by e-mail, receipt registered in the Portal, reminders until then.
/// </summary>
public sealed class CertificateOfEligibility
{
    public long Id { get; set; }

    public string CoeNumber { get; set; } = "";

    /// <summary>The Portal account (by User ID) that registers receipt.</summary>
    public Guid ApplicantId { get; set; }

    public string Email { get; set; } = "";

    public string ApplicantName { get; set; } = "";

    public string? Nationality { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public string StatusOfResidenceCode { get; set; } = "";

    public int OfficeId { get; set; }

    public CertificateStatus Status { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateOnly ExpiresOn { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Printed on the PDF with a QR code; checked by the public verification page.</summary>
    public string VerificationCode { get; set; } = "";

    public Guid IssuedById { get; set; }

    public string? PdfStoredName { get; set; }

    public DateTime? ReceiptRegisteredAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    public int Version { get; set; }

    public List<CoeReminder> Reminders { get; set; } = [];
}

/// <summary>
/// A reminder for one due date. The unique (certificate, due date) pair is what makes "never twice for
/// the same due date" hold, even across restarts and several senders.
/// </summary>
public sealed class CoeReminder
{
    public long Id { get; set; }

    public long CertificateId { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTime QueuedAt { get; set; }

    public long? EmailId { get; set; }
}
