using System.Globalization;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Rasens.Data.Messaging;

/// <summary>What one attempt came to: the outcome and the server's reply, or the error when there was no reply.</summary>
public sealed record EmailDelivery(EmailAttemptOutcome Outcome, string Detail, bool FromServer)
{
    public static EmailDelivery Accepted(string reply) => new(EmailAttemptOutcome.Accepted, reply, FromServer: true);

    public static EmailDelivery Deferred(string detail, bool fromServer) => new(EmailAttemptOutcome.Deferred, detail, fromServer);

    public static EmailDelivery Bounced(string detail, bool fromServer) => new(EmailAttemptOutcome.Bounced, detail, fromServer);
}

/// <summary>Delivers one e-mail and says what became of it; throws only for what it cannot classify (the sender defers those).</summary>
public interface IEmailTransport
{
    Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken);
}

/// <summary>The MIME message of an outbox e-mail, the same bytes whichever transport carries it.</summary>
public static class EmailMessages
{
    /// <summary>
    /// UTF-8 subject and body; the Message-ID is the outbox id, so every attempt (and a receiver that sees two after a
    /// crash) has the one id; an attachment's name goes out RFC 2231-encoded (Japanese file names survive).
    /// </summary>
    /// <exception cref="ParseException">The recipient is not an address MimeKit can write.</exception>
    public static MimeMessage Build(OutboxEmail email, EmailOptions options, Stream? attachment)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = $"outbox-{email.Id.ToString(CultureInfo.InvariantCulture)}@rasens";
        message.Headers.Add("X-Rasens-Template", email.Template);
        if (email.CreatedAt != default)
        {
            message.Date = new DateTimeOffset(DateTime.SpecifyKind(email.CreatedAt, DateTimeKind.Utc));
        }

        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(Encoding.UTF8, email.Body);
        if (attachment is null || email.AttachmentFileName is not { } fileName)
        {
            message.Body = text;
            return message;
        }

        var part = new MimePart(MimeTypes.GetMimeType(fileName))
        {
            Content = new MimeContent(attachment),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };
        foreach (var parameter in part.ContentDisposition.Parameters.Concat(part.ContentType.Parameters))
        {
            parameter.EncodingMethod = ParameterEncodingMethod.Rfc2231;
        }

        message.Body = new Multipart("mixed") { text, part };
        return message;
    }

    /// <summary>
    /// What every transport does with an outbox e-mail: builds its message (<see cref="Build"/>), hands it to
    /// <paramref name="deliver"/> and disposes of it after. An address MimeKit cannot write is bounced without trying:
    /// no server will ever take it, so, as with a bounce, a person corrects the address and resends.
    /// </summary>
    public static async Task<EmailDelivery> DeliverAsync(OutboxEmail email, EmailOptions options, Stream? attachment, Func<MimeMessage, Task<EmailDelivery>> deliver)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(deliver);
        MimeMessage message;
        try
        {
            message = Build(email, options, attachment);
        }
        catch (ParseException ex)
        {
            return EmailDelivery.Bounced($"The address \"{email.To}\" cannot be used: {ex.Message}", fromServer: false);
        }

        using (message)
        {
            return await deliver(message);
        }
    }

    /// <summary>How messages are written: CRLF, RFC 2231 parameters.</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.ParameterEncodingMethod = ParameterEncodingMethod.Rfc2231;
        return format;
    }
}

/// <summary>
/// MailKit over SMTP: connects with the configured security, authenticates when a user is set, sends, and turns
/// the server's answer into an <see cref="EmailDelivery"/>: accepted (with the server's reply), bounced (a 5xx
/// reply) or deferred (a 4xx reply, or no usable answer at all: connection, TLS, protocol, timeout).
/// </summary>
public sealed class SmtpEmailTransport(EmailOptions options) : IEmailTransport
{
    private readonly string _host = string.IsNullOrWhiteSpace(options?.SmtpHost) ? throw new ArgumentException("Email:SmtpHost is required for SMTP.", nameof(options)) : options.SmtpHost;

    public Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken) =>
        EmailMessages.DeliverAsync(email, options, attachment, message => SendMessageAsync(message, cancellationToken));

    private async Task<EmailDelivery> SendMessageAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        client.Timeout = (int)Math.Clamp(options.SmtpTimeout.TotalMilliseconds, 1000, int.MaxValue);
        try
        {
            await client.ConnectAsync(_host, options.SmtpPort, SocketOptions(options), cancellationToken);
            if (!string.IsNullOrEmpty(options.SmtpUser))
            {
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
            }

            // The final reply to DATA is always 250 (RFC 5321 §4.3.2); MailKit hands back its text.
            var reply = await client.SendAsync(EmailMessages.Format, message, cancellationToken);
            await QuitAsync(client);
            return EmailDelivery.Accepted("250 " + reply.Trim());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Classify(ex);
        }
    }

    /// <summary>Email:SmtpSecurity (or the older SmtpEnableSsl) as MailKit's socket options.</summary>
    public static SecureSocketOptions SocketOptions(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Security switch
        {
            SmtpSecurityMode.None => SecureSocketOptions.None,
            SmtpSecurityMode.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurityMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
            SmtpSecurityMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        };
    }

    /// <summary>
    /// A refusal by reply code: 5xx is permanent (bounced), 4xx temporary (deferred), whether it came at MAIL FROM,
    /// RCPT TO or after DATA. Anything else (refused connection, TLS, protocol error, authentication, timeout) is our
    /// side or the network: deferred, and after the last attempt failed.
    /// </summary>
    public static EmailDelivery Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SmtpCommandException command when (int)command.StatusCode is >= 500 and < 600 =>
                EmailDelivery.Bounced(Reply(command), fromServer: true),
            SmtpCommandException command => EmailDelivery.Deferred(Reply(command), fromServer: true),
            ServiceNotAuthenticatedException or AuthenticationException => EmailDelivery.Deferred($"Authentication: {exception.Message}", fromServer: true),
            OperationCanceledException or TimeoutException => EmailDelivery.Deferred($"Timed out: {exception.Message}", fromServer: false),
            _ => EmailDelivery.Deferred(Describe(exception), fromServer: false),
        };
    }

    private static string Reply(SmtpCommandException command) =>
        $"{((int)command.StatusCode).ToString(CultureInfo.InvariantCulture)} {command.Message.Trim()}";

    private static string Describe(Exception exception)
    {
        var text = new StringBuilder(exception.Message);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" — ").Append(inner.Message);
        }

        return text.ToString();
    }

    /// <summary>The server has the message: a failed QUIT must not turn that into a retry.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
        {
            // ignored: the message was accepted before
        }
    }
}

/// <summary>
/// Without an SMTP host: each e-mail becomes &lt;folder&gt;/outbox-&lt;id&gt;.eml, written by MimeKit to a temporary
/// name first and then moved, so a reader never sees half a file; a retry rewrites the same name.
/// </summary>
public sealed class PickupFolderTransport(EmailOptions options, string folder) : IEmailTransport
{
    public Task<EmailDelivery> SendAsync(OutboxEmail email, Stream? attachment, CancellationToken cancellationToken) =>
        EmailMessages.DeliverAsync(email, options, attachment, message => WriteAsync(email, message, cancellationToken));

    private async Task<EmailDelivery> WriteAsync(OutboxEmail email, MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = $"outbox-{email.Id.ToString(CultureInfo.InvariantCulture)}.eml";
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            // 7-bit transfer encodings, as a relay picking the file up may need.
            message.Prepare(EncodingConstraint.SevenBit);
            await message.WriteToAsync(EmailMessages.Format, temporary, cancellationToken);
            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return EmailDelivery.Accepted($"Written to the pickup folder as {name}");
    }
}
