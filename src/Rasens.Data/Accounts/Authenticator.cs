using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Rasens.Data.Accounts;

/// <summary>
/// What the authenticator second factor needs besides Identity's own provider: how long the half-signed-in
/// state lasts, the key as a person types it, the otpauth:// address for the QR code, and which 30-second
/// time step a code belongs to (Identity says only yes or no, but refusing a replayed code needs the step).
/// </summary>
public static class Authenticator
{
    /// <summary>Between a correct password and a correct code: Identity's own default for its two-factor cookie.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Identity's authenticator accepts codes from two steps either side of now; the step search must cover the same window.</summary>
    private const int Window = 2;
    private const int StepSeconds = 30;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The key in groups of four, as authenticator apps let it be typed.</summary>
    public static string FormatKey(string base32Key)
    {
        var key = base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return string.Join(' ', key.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>The key-URI format authenticator apps read from a QR code (SHA-1, 6 digits, 30 s: the defaults Identity uses).</summary>
    public static string Uri(string issuer, string account, string base32Key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={base32Key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6");

    /// <summary>
    /// A code as typed: digits only (apps show "123 456"; a Japanese input method may give full-width "１２３４５６"),
    /// or null when it cannot be a 6-digit code at all.
    /// </summary>
    public static string? Normalize(string? code)
    {
        var digits = (code ?? "").Normalize(System.Text.NormalizationForm.FormKC)
            .Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>
    /// The latest time step around <paramref name="at"/> whose code is <paramref name="code"/>, or null when none is.
    /// Pass the system clock's time (TimeProvider.System): Identity's provider reads the system clock, not the injected TimeProvider.
    /// </summary>
    public static long? MatchingStep(string base32Key, string code, DateTimeOffset at)
    {
        if (Normalize(code) is not { } digits || Decode(base32Key) is not { Length: > 0 } key)
        {
            return null;
        }

        var now = at.ToUnixTimeSeconds() / StepSeconds;
        for (var step = now + Window; step >= now - Window; step--)
        {
            if (string.Equals(Code(key, step), digits, StringComparison.Ordinal))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>RFC 6238 with RFC 4226's dynamic truncation, six digits.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "HMAC-SHA1 is what RFC 6238 and authenticator apps use, and what Identity's own provider computes; no other algorithm can match their codes.")]
    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 without padding, as Identity stores authenticator keys; null for anything else.</summary>
    private static byte[]? Decode(string base32)
    {
        var text = base32.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>The step as stored in the user's token (invariant digits).</summary>
    internal static string Format(long step) => step.ToString(CultureInfo.InvariantCulture);

    internal static long? ParseStep(string? stored) =>
        long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
}
