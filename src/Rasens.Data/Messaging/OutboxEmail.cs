namespace Rasens.Data.Messaging;

/// <summary>
/// An e-mail waiting to be sent, or sent. Written in the same transaction as the change that causes it;
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

    /// <summary>The case whose change caused it, if any (no foreign key: the e-mail outlives nothing and locks nothing).</summary>
    public long? ApplicationId { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public string Culture { get; set; } = "ja";

    /// <summary>Optional attachment in the file store (e.g. the e-COE PDF).</summary>
    public string? AttachmentStoredName { get; set; }

    public string? AttachmentFileName { get; set; }

    public EmailState State { get; set; } = EmailState.Queued;

    /// <summary>Attempts started so far (a lease counts one, so a message that crashes the sender is given up too).</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeasedUntil { get; set; }

    public string? LeasedBy { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>What the server last answered ("250 2.0.0 Ok: queued as …"); null when it could not be reached.</summary>
    public string? LastReply { get; set; }

    /// <summary>Why the last attempt did not deliver it; null once sent.</summary>
    public string? LastError { get; set; }

    public DateTime? BouncedAt { get; set; }

    /// <summary>Set when the sender gave up after the last retry; needs a person.</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary>The bounced or failed e-mail this one resends to a corrected address.</summary>
    public long? ResendOf { get; set; }

    /// <summary>The e-mail that resent this one; set once, so an e-mail is resent at most once.</summary>
    public long? ResentAs { get; set; }

    /// <summary>Why <paramref name="by"/> may not resend this e-mail now, or null when they may.</summary>
    public Error? ResendRefusal(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.Role != ActorRole.Supervisor)
        {
            return EmailErrors.NotSupervisor;
        }

        if (ResentAs is not null)
        {
            return EmailErrors.AlreadyResent;
        }

        return State switch
        {
            EmailState.Bounced or EmailState.Failed => null,
            EmailState.Queued or EmailState.Sending or EmailState.Sent or EmailState.Deferred => EmailErrors.NotResendable(State),
        };
    }

    /// <summary>
    /// A new e-mail with the same text to <paramref name="to"/>, queued now, linked to this one. The caller marks
    /// this one <see cref="ResentAs"/> once the new one has its id, in the same transaction.
    /// </summary>
    public Result<OutboxEmail> Resend(Actor by, string to, DateTime now)
    {
        if (ResendRefusal(by) is { } refused)
        {
            return refused;
        }

        var address = to?.Trim() ?? "";
        if (!Forms.FieldFormats.IsEmail(address))
        {
            return EmailErrors.AddressInvalid;
        }

        return Result<OutboxEmail>.Success(new OutboxEmail
        {
            CreatedAt = now,
            NextAttemptAt = now,
            Template = Template,
            ApplicationId = ApplicationId,
            To = address,
            Subject = Subject,
            Body = Body,
            Culture = Culture,
            AttachmentStoredName = AttachmentStoredName,
            AttachmentFileName = AttachmentFileName,
            ResendOf = Id,
        });
    }
}

/// <summary>The refusals of the e-mail rules. Codes are stable: pages translate them.</summary>
public static class EmailErrors
{
    public static Error NotFound { get; } = new("email.not-found", "There is no such e-mail for this case.");

    public static Error NotSupervisor { get; } = new("email.not-supervisor", "Only a supervisor can resend an e-mail.");

    public static Error AlreadyResent { get; } = new("email.already-resent", "This e-mail has already been resent.");

    public static Error AddressInvalid { get; } = new("email.address-invalid", "Corrected address: enter an e-mail address such as name@example.jp (up to 60 characters).");

    public static Error NotResendable(EmailState state) =>
        new("email.not-resendable", $"Only a bounced or failed e-mail can be resent; this one is {state}.");
}
