using Rasens.Data.Messaging;

namespace Rasens.Data.Tests.Messaging;

/// <summary>A real SMTP conversation with the throwaway server ./test.sh starts (aiosmtpd, Maildir).</summary>
public sealed class SmtpRoundTripTests
{
    [Fact]
    public async Task Send_ToARealSmtpServer_ArrivesWithSubjectBodyAndMessageId()
    {
        var server = Environment.GetEnvironmentVariable("RASENS_TEST_SMTP")
                     ?? throw new InvalidOperationException("Set RASENS_TEST_SMTP (host:port) and RASENS_TEST_MAILDIR, or run ./test.sh.");
        var maildir = Environment.GetEnvironmentVariable("RASENS_TEST_MAILDIR")
                      ?? throw new InvalidOperationException("Set RASENS_TEST_MAILDIR, or run ./test.sh.");
        var (host, port) = (server.Split(':')[0], int.Parse(server.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        var marker = Guid.NewGuid().ToString("N");
        var transport = new SmtpEmailTransport(new EmailOptions { SmtpHost = host, SmtpPort = port }, "unused");

        await transport.SendAsync(
            new OutboxEmail { Id = 4242, To = $"{marker}@example.test", Subject = "Registration completed 登録完了", Body = $"Body {marker}", Template = "test" },
            null,
            TestContext.Current.CancellationToken);

        string? found = null;
        for (var i = 0; i < 50 && found is null; i++)
        {
            found = Directory.EnumerateFiles(maildir, "*", SearchOption.AllDirectories)
                .Select(f => File.ReadAllText(f))
                .FirstOrDefault(text => text.Contains(marker + "@example.test", StringComparison.Ordinal));
            if (found is null)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.NotNull(found);
        Assert.Contains("Message-ID: <outbox-4242@rasens>", found, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Rasens-Template: test", found, StringComparison.Ordinal);
    }
}
