using MimeKit;
using Rasens.Data.Messaging;

namespace Rasens.Data.Tests.Messaging;

/// <summary>A real SMTP conversation through MailKit with the throwaway server ./test.sh starts, read back with MimeKit.</summary>
public sealed class SmtpRoundTripTests
{
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
