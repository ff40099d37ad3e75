using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Rasens.Testing;

/// <summary>
/// An authenticator app in a few lines (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), written apart from the
/// app's own code so tests check it against something independent. Identity's authenticator reads the system
/// clock, not the test clock, so codes are computed for the real time.
/// </summary>
public static class Totp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    /// <summary>The code an authenticator app shows at <paramref name="at"/>.</summary>
    public static string Code(string base32Key, DateTimeOffset at) => CodeForStep(base32Key, Step(at));

    /// <summary>The code now, by the system clock (as the app checks it).</summary>
    public static string Now(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 6238 and authenticator apps use HMAC-SHA1.")]
    public static string CodeForStep(string base32Key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A code that no step within ±3 of now produces: certainly wrong, yet well-formed.</summary>
    public static string WrongCode(string base32Key)
    {
        var now = Step(DateTimeOffset.UtcNow);
        var valid = Enumerable.Range(-3, 7).Select(i => CodeForStep(base32Key, now + i)).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 100).Select(i => ((i * 7919) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    /// <summary>A new 160-bit key, base32 as Identity stores it.</summary>
    public static string NewKey() => ToBase32(RandomNumberGenerator.GetBytes(20));

    public static string ToBase32(byte[] bytes)
    {
        var text = new System.Text.StringBuilder();
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                var index = bit + i;
                value = (value << 1) | (index < bytes.Length * 8 ? (bytes[index / 8] >> (7 - (index % 8))) & 1 : 0);
            }

            text.Append(Alphabet[value]);
        }

        return text.ToString();
    }

    public static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new byte[clean.Length * 5 / 8];
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var value = Alphabet.IndexOf(clean[bit / 5], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{clean[bit / 5]}' is not base32.");
            }

            if (((value >> (4 - (bit % 5))) & 1) == 1)
            {
                bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
            }
        }

        return bytes;
    }
}
