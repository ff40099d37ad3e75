using System.Net;
using System.Net.Mail;
using System.Text;

namespace Rasens.Data.Messaging;

/// <summary>Settings under "Email". Without an SMTP host, mails are written as .eml files to the data folder.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "no-reply@rasens.example.jp";

    public string FromName { get; set; } = "Rasens";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public bool SmtpEnableSsl { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Folder for .eml files when no SMTP host is set; defaults to &lt;data folder&gt;/mail.</summary>
    public string? PickupFolder { get; set; }

    public int MaxAttempts { get; set; } = 8;

    /// <summary>Base delay of the exponential back-off between attempts.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Delivers one e-mail; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken);
}

/// <summary>
/// System.Net.Mail behind our own interface (MailKit does not restore here): SMTP when a host is
/// configured, otherwise a pickup folder of .eml files.
/// </summary>
public sealed class SmtpEmailTransport(EmailOptions options, string pickupFolder) : IEmailTransport
{
    public async Task SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken)
    {
        using var message = new MailMessage
        {
            From = new MailAddress(options.From, options.FromName, Encoding.UTF8),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = email.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(email.To));
        // A stable Message-ID lets a receiver drop the duplicate if a crash makes us send twice.
        message.Headers.Add("Message-ID", $"<outbox-{email.Id}@rasens>");
        message.Headers.Add("X-Rasens-Template", email.Template);
        if (attachment is not null && email.AttachmentFileName is not null)
        {
            message.Attachments.Add(new System.Net.Mail.Attachment(attachment, email.AttachmentFileName));
        }

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            Directory.CreateDirectory(pickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = pickupFolder;
        }
        else
        {
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            client.Host = options.SmtpHost;
            client.Port = options.SmtpPort;
            client.EnableSsl = options.SmtpEnableSsl;
            if (!string.IsNullOrEmpty(options.SmtpUser))
            {
                client.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
            }
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
