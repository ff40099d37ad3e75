namespace Rasens.Data.Messaging;

/// <summary>How the SMTP connection is secured (Email:SmtpSecurity). Numbers are not stored; names are configuration.</summary>
public enum SmtpSecurityMode
{
    /// <summary>Plain text only, never TLS (a relay on the same host).</summary>
    None = 1,

    /// <summary>STARTTLS, required: a server that does not offer it is not used.</summary>
    StartTls = 2,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable = 3,

    /// <summary>TLS from the first byte ("SMTPS", usually port 465).</summary>
    SslOnConnect = 4,
}

/// <summary>Settings under "Email". Without an SMTP host, mails are written as .eml files to the data folder.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "no-reply@rasens.example.jp";

    public string FromName { get; set; } = "Rasens";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    /// <summary>Email:SmtpSecurity; when not set, the older Email:SmtpEnableSsl decides (see <see cref="Security"/>).</summary>
    public SmtpSecurityMode? SmtpSecurity { get; set; }

    /// <summary>The setting before MailKit (System.Net.Mail's EnableSsl meant STARTTLS): still read, superseded by SmtpSecurity.</summary>
    public bool? SmtpEnableSsl { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>How long one SMTP command may take before the attempt counts as deferred.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder for .eml files when no SMTP host is set; defaults to &lt;data folder&gt;/mail.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>Attempts before a still-deferred e-mail is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Base delay of the exponential back-off between attempts (see <see cref="EmailRetrySchedule"/>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The back-off never waits longer than this.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The security in force: SmtpSecurity when set; else SmtpEnableSsl=true is STARTTLS required and false is
    /// plain text, as they were; with neither, STARTTLS when the server offers it.
    /// </summary>
    public SmtpSecurityMode Security => SmtpSecurity ?? SmtpEnableSsl switch
    {
        true => SmtpSecurityMode.StartTls,
        false => SmtpSecurityMode.None,
        null => SmtpSecurityMode.StartTlsWhenAvailable,
    };
}

/// <summary>
/// Exponential back-off with jitter: after attempt n the e-mail waits a random time in
/// [½·d, d), where d = min(<see cref="EmailOptions.RetryBaseDelay"/> × 2ⁿ⁻¹, <see cref="EmailOptions.RetryMaxDelay"/>),
/// so many e-mails deferred by one outage do not all come back at the same instant. The random source is
/// injected so tests know the exact wait.
/// </summary>
public sealed class EmailRetrySchedule(EmailOptions options, Random random)
{
    /// <summary>The longest wait after attempt <paramref name="attempt"/> (1 = the first); the wait is at least half of it.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doubled = options.RetryBaseDelay.Ticks * (1L << Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks(doubled < 0 ? options.RetryMaxDelay.Ticks : Math.Min(doubled, options.RetryMaxDelay.Ticks));
    }

    /// <summary>The wait after attempt <paramref name="attempt"/>, in whole milliseconds (both databases keep them exactly).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ceiling = Ceiling(attempt).TotalMilliseconds;
#pragma warning disable CA5394 // Jitter spreads retries; it protects nothing, so a non-cryptographic source is right.
        var share = 0.5 + (0.5 * random.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Floor(ceiling * share));
    }
}
