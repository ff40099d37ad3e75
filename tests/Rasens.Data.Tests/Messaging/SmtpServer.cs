namespace Rasens.Data.Tests.Messaging;

/// <summary>The throwaway SMTP server ./test.sh (scripts/test-services.sh) starts, and the Maildir it delivers into.</summary>
internal static class SmtpServer
{
    public static (string Host, int Port) Address
    {
        get
        {
            var server = Environment.GetEnvironmentVariable("RASENS_TEST_SMTP")
                         ?? throw new InvalidOperationException("Set RASENS_TEST_SMTP (host:port) and RASENS_TEST_MAILDIR, or run ./test.sh.");
            var (host, port) = (server.Split(':')[0], server.Split(':')[1]);
            return (host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The raw message (as delivered) whose text contains <paramref name="marker"/>, waiting up to 5 s.</summary>
    public static async Task<string> WaitForAsync(string marker)
    {
        var maildir = Environment.GetEnvironmentVariable("RASENS_TEST_MAILDIR")
                      ?? throw new InvalidOperationException("Set RASENS_TEST_MAILDIR, or run ./test.sh.");
        for (var i = 0; i < 50; i++)
        {
            var found = Directory.EnumerateFiles(Path.Combine(maildir, "new"))
                .Select(f => File.ReadAllText(f))
                .FirstOrDefault(text => text.Contains(marker, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No message containing {marker} arrived.");
    }
}
