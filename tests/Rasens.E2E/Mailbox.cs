using System.Text;
using System.Text.RegularExpressions;

namespace Rasens.E2E;

/// <summary>
/// Reads what really arrived at the throwaway SMTP server (aiosmtpd writes a Maildir): single-part
/// messages, their transfer encoding undone.
/// </summary>
public static partial class Mailbox
{
    public sealed record Message(string To, string Subject, string Body);

    /// <summary>Waits (up to 30 s) for a message to <paramref name="to"/> whose body contains <paramref name="marker"/>.</summary>
    public static async Task<Message> WaitForAsync(string to, string marker, int nth = 1)
    {
        var folder = Environment.GetEnvironmentVariable("RASENS_TEST_MAILDIR") ?? throw new InvalidOperationException("Set RASENS_TEST_MAILDIR (run ./test.sh).");
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var found = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
                    .OrderBy(f => f.Time)
                    .Select(f => Parse(File.ReadAllText(f.File)))
                    .Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Body.Contains(marker, StringComparison.Ordinal))
                    .ToList()
                : [];
            if (found.Count >= nth)
            {
                return found[nth - 1];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No e-mail to {to} containing '{marker}' arrived.");
    }

    public static string FirstLink(Message message) =>
        LinkPattern().Match(message.Body) is { Success: true } match ? match.Value : throw new InvalidOperationException("No link in:\n" + message.Body);

    private static Message Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var i and >= 0 ? i : raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = raw[..split];
        var body = raw[split..].Trim();
        string Header(string name) => Regex.Match(headers, $"^{name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value.Trim();
        var encoding = Header("Content-Transfer-Encoding");
        var text = encoding.Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")))
            : encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) ? QuotedPrintable(body) : body;
        return new Message(Header("To"), DecodeHeader(Header("Subject")), text);
    }

    private static string QuotedPrintable(string body)
    {
        var joined = Regex.Replace(body, "=\r?\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string DecodeHeader(string value) =>
        EncodedWord().Replace(value, m => m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.GetEncoding(m.Groups[1].Value).GetString(Convert.FromBase64String(m.Groups[3].Value))
            : QuotedPrintable(m.Groups[3].Value.Replace('_', ' '))).Replace("\r\n ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"https?://127\.0\.0\.1:[0-9]+/\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
