namespace Rasens.Data.Messaging;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change that causes it;
/// the sender leases, sends and marks it, retrying with back-off (see Messaging/README.md).
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Which template produced it, e.g. "registration-link"; for tests and support.</summary>
    public string Template { get; set; } = "";

    /// <summary>Optional idempotency key: a second e-mail with the same key is never queued.</summary>
    public string? DeduplicationKey { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public string Culture { get; set; } = "ja";

    /// <summary>Optional attachment in the file store (e.g. the e-COE PDF).</summary>
    public string? AttachmentStoredName { get; set; }

    public string? AttachmentFileName { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeasedUntil { get; set; }

    public string? LeasedBy { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Set when the sender gave up after the last retry; needs a person.</summary>
    public DateTime? FailedAt { get; set; }
}
