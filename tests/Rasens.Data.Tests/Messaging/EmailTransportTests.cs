using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;
using Rasens.Data.Messaging;

namespace Rasens.Data.Tests.Messaging;

/// <summary>
/// How configuration becomes MailKit's options, how server answers become outcomes, the pickup folder, and a real SMTP
/// conversation through MailKit with the throwaway server ./test.sh starts, read back with MimeKit.
/// </summary>
public sealed class EmailTransportTests
{
    [Theory]
    [InlineData("None", null, SecureSocketOptions.None)]
    [InlineData("StartTls", null, SecureSocketOptions.StartTls)]
    [InlineData("StartTlsWhenAvailable", null, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("SslOnConnect", null, SecureSocketOptions.SslOnConnect)]
    [InlineData("SslOnConnect", "false", SecureSocketOptions.SslOnConnect)] // the new key wins
    [InlineData(null, "true", SecureSocketOptions.StartTls)] // System.Net.Mail's EnableSsl was STARTTLS
    [InlineData(null, "false", SecureSocketOptions.None)]
    [InlineData(null, null, SecureSocketOptions.StartTlsWhenAvailable)]
    public void SocketOptions_FromConfiguration_MapsToMailKit(string? security, string? enableSsl, SecureSocketOptions expected)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Email:SmtpHost"] = "smtp.example.jp", ["Email:SmtpPort"] = "587", ["Email:SmtpUser"] = "rasens" };
        if (security is not null)
        {
            values["Email:SmtpSecurity"] = security;
        }

        if (enableSsl is not null)
        {
            values["Email:SmtpEnableSsl"] = enableSsl;
        }

        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Email").Get<EmailOptions>()!;

        Assert.Equal(expected, SmtpEmailTransport.SocketOptions(options));
        Assert.Equal(("smtp.example.jp", 587, "rasens"), (options.SmtpHost, options.SmtpPort, options.SmtpUser));
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, EmailAttemptOutcome.Bounced)] // 550
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, EmailAttemptOutcome.Bounced)] // 553
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, EmailAttemptOutcome.Bounced)] // 554
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, EmailAttemptOutcome.Deferred)] // 450
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.ErrorInProcessing, EmailAttemptOutcome.Deferred)] // 451
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable, EmailAttemptOutcome.Deferred)] // 421
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.InsufficientStorage, EmailAttemptOutcome.Deferred)] // 452
    public void Classify_SmtpCommandException_4xxIsDeferredAnd5xxBounced(SmtpErrorCode code, SmtpStatusCode status, EmailAttemptOutcome expected)
    {
        var delivery = SmtpEmailTransport.Classify(new SmtpCommandException(code, status, "5.1.1 no such user"));

        Assert.Equal(expected, delivery.Outcome);
        Assert.Equal($"{(int)status} 5.1.1 no such user", delivery.Detail);
        Assert.True(delivery.FromServer);
    }

    [Fact]
    public void Classify_ConnectionTlsProtocolOrTimeoutFailure_IsDeferredWithoutAServerReply()
    {
        Exception[] failures =
        [
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused),
            new SslHandshakeException("certificate rejected"),
            new SmtpProtocolException("The SMTP server has unexpectedly disconnected."),
            new TimeoutException("The operation has timed out."),
            new IOException("broken pipe"),
        ];

        Assert.All(failures, f => Assert.Equal((EmailAttemptOutcome.Deferred, false), (SmtpEmailTransport.Classify(f).Outcome, SmtpEmailTransport.Classify(f).FromServer)));
    }

    [Fact]
    public async Task PickupFolder_WritesAParseableEmlWithAJapaneseSubjectAndAnRfc2231AttachmentName_Atomically()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rasens-mail-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new PickupFolderTransport(new EmailOptions(), folder);
            var email = new OutboxEmail
            {
                Id = 7, To = "someone@example.test", Subject = "在留資格認定証明書（電子）の交付について", Body = "申請を受け付けました。", Template = "coe-issued",
                CreatedAt = new DateTime(2026, 12, 4, 1, 2, 3, DateTimeKind.Utc), AttachmentFileName = "在留資格認定証明書_山田太郎.pdf",
            };
            using (var pdf = new MemoryStream("%PDF-1.4 test"u8.ToArray()))
            {
                Assert.Equal(EmailAttemptOutcome.Accepted, (await transport.SendAsync(email, pdf, TestContext.Current.CancellationToken)).Outcome);
            }

            using (var again = new MemoryStream("%PDF-1.4 test"u8.ToArray()))
            {
                await transport.SendAsync(email, again, TestContext.Current.CancellationToken); // a retry rewrites the same file
            }

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal("outbox-7.eml", Path.GetFileName(file));
            var raw = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.True(raw.All(c => c < 128), "the file is 7-bit"); // Japanese only in encoded words, RFC 2231 and base64
            Assert.Matches(new System.Text.RegularExpressions.Regex(@"filename\*(0\*)?=utf-8''%", System.Text.RegularExpressions.RegexOptions.IgnoreCase), raw);
            using var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal("outbox-7@rasens", message.MessageId);
            Assert.Equal("coe-issued", message.Headers["X-Rasens-Template"]);
            Assert.Equal("someone@example.test", Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal(email.Subject, message.Subject);
            Assert.Equal("申請を受け付けました。", message.TextBody);
            Assert.Equal(new DateTimeOffset(email.CreatedAt), message.Date);
            var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
            Assert.Equal("在留資格認定証明書_山田太郎.pdf", attachment.FileName);
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Send_AnAddressMimeKitCannotWrite_IsBouncedWithoutTryingTheServer()
    {
        var transport = new SmtpEmailTransport(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = 1 });

        var delivery = await transport.SendAsync(new OutboxEmail { Id = 1, To = "not an address", Subject = "s", Body = "b", Template = "t" }, null, TestContext.Current.CancellationToken);

        Assert.Equal(EmailAttemptOutcome.Bounced, delivery.Outcome);
        Assert.False(delivery.FromServer);
    }

    [Theory]
    [InlineData(1, 15_000, 30_000)]
    [InlineData(2, 30_000, 60_000)]
    [InlineData(3, 60_000, 120_000)]
    [InlineData(8, 1_800_000, 3_600_000)] // 30 s × 2⁷ = 64 min, capped at the hour
    [InlineData(40, 1_800_000, 3_600_000)]
    public void RetrySchedule_AfterAttemptN_WaitsBetweenHalfTheCeilingAndTheCeiling(int attempt, int lowMs, int ceilingMs)
    {
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs), new EmailRetrySchedule(options, new Random(1)).Ceiling(attempt));
        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), new EmailRetrySchedule(options, new FixedRandom(0)).DelayAfter(attempt));
        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs - 1), new EmailRetrySchedule(options, new FixedRandom(0.9999999999)).DelayAfter(attempt));
        var seeded = new EmailRetrySchedule(options, new Random(OutboxHarness.Seed));
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(seeded.DelayAfter(attempt), TimeSpan.FromMilliseconds(lowMs), TimeSpan.FromMilliseconds(ceilingMs - 1));
        }
    }

    [Fact]
    public async Task Send_ToARealSmtpServer_ArrivesWithSubjectBodyMessageIdAndAJapaneseAttachmentName()
    {
        var (host, port) = SmtpServer.Address;
        var marker = Guid.NewGuid().ToString("N");
        var transport = new SmtpEmailTransport(new EmailOptions { SmtpHost = host, SmtpPort = port, SmtpSecurity = SmtpSecurityMode.StartTlsWhenAvailable });
        using var pdf = new MemoryStream("%PDF-1.4 test"u8.ToArray());

        var delivery = await transport.SendAsync(
            new OutboxEmail
            {
                Id = 4242, To = $"{marker}@example.test", Subject = "Registration completed 登録完了", Body = $"本文 {marker}", Template = "test",
                AttachmentFileName = "在留資格認定証明書.pdf",
            },
            pdf,
            TestContext.Current.CancellationToken);

        Assert.Equal(EmailAttemptOutcome.Accepted, delivery.Outcome);
        var raw = await SmtpServer.WaitForAsync(marker + "@example.test");
        using var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)), TestContext.Current.CancellationToken);
        Assert.Equal("outbox-4242@rasens", message.MessageId);
        Assert.Equal("test", message.Headers["X-Rasens-Template"]);
        Assert.Equal("Registration completed 登録完了", message.Subject);
        Assert.Contains($"本文 {marker}", message.TextBody ?? "", StringComparison.Ordinal);
        Assert.Equal("在留資格認定証明書.pdf", Assert.Single(message.Attachments).ContentDisposition?.FileName);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"filename\*(0\*)?=utf-8''%", System.Text.RegularExpressions.RegexOptions.IgnoreCase), raw); // RFC 2231
    }
}
