namespace Rasens.Data.Messaging;

/// <summary>
/// Where an e-mail is on its way out (Messaging/README.md): queued → sending → sent, or deferred and tried
/// again, or bounced, or failed when the retries ran out. Numbers are stored by name; never renumber.
/// </summary>
public enum EmailState
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued = 1,

    /// <summary>Leased by one sender, which is talking to the server now (or crashed: the lease expires).</summary>
    Sending = 2,

    /// <summary>The SMTP server accepted it (or it was written to the pickup folder).</summary>
    Sent = 3,

    /// <summary>A temporary failure (4xx, connection, TLS, timeout): tried again after the back-off.</summary>
    Deferred = 4,

    /// <summary>A permanent refusal (5xx, e.g. 550 unknown mailbox): never retried; a supervisor may resend it elsewhere.</summary>
    Bounced = 5,

    /// <summary>Still deferred after the last allowed attempt: needs a person.</summary>
    Failed = 6,
}

/// <summary>What one attempt came to. Numbers are stored by name; never renumber.</summary>
public enum EmailAttemptOutcome
{
    Accepted = 1,
    Deferred = 2,
    Bounced = 3,
}

/// <summary>One try at delivering an e-mail: the row is written when the sender leases the e-mail, finished when it knows.</summary>
/// <remarks>An attempt without <see cref="FinishedAt"/> after its lease expired was interrupted (the app stopped or crashed).</remarks>
public sealed class EmailAttempt
{
    public const int MaxReply = 1000;

    public long Id { get; set; }

    public long EmailId { get; set; }

    /// <summary>1 for the first attempt, and so on: the e-mail's <see cref="OutboxEmail.Attempts"/> once leased.</summary>
    public int Number { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public EmailAttemptOutcome? Outcome { get; set; }

    /// <summary>The server's reply ("250 2.0.0 Ok: queued as …", "451 4.3.0 …") or the error when there was none.</summary>
    public string? Reply { get; set; }

    /// <summary>Which app instance made the attempt.</summary>
    public string? Instance { get; set; }

    public static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
