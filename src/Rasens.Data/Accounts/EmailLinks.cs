using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Rasens.Data.Accounts;

/// <summary>
/// Links sent by e-mail: valid 24 hours, usable once, stored only as a hash. A refused link says why
/// (never issued or altered, expired, already used) so the page can explain and offer to start over.
/// </summary>
public sealed class EmailLinks(RasensDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static Error Invalid { get; } = new("link.invalid", "This link is not valid. It may have been copied incompletely.");

    public static Error Expired { get; } = new("link.expired", "This link has expired: links are valid for 24 hours.");

    public static Error Used { get; } = new("link.used", "This link has already been used.");

    /// <summary>Adds a new link to the unit of work and returns its secret token (for the e-mail only).</summary>
    public string Create(EmailLinkPurpose purpose, string email, Guid? applicantId)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        db.EmailLinks.Add(new EmailLink
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            Email = email,
            ApplicantId = applicantId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        return token;
    }

    /// <summary>The link for <paramref name="token"/> if it can still be used for <paramref name="purpose"/>.</summary>
    public async Task<Result<EmailLink>> FindUsableAsync(string? token, EmailLinkPurpose purpose, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return Invalid;
        }

        var hash = Hash(token);
        var link = await db.EmailLinks.SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, cancellationToken);
        if (link is null)
        {
            return Invalid;
        }

        if (link.UsedAt is not null)
        {
            return Used;
        }

        return clock.GetUtcNow().UtcDateTime >= link.ExpiresAt ? Expired : Result<EmailLink>.Success(link);
    }

    /// <summary>
    /// Marks the link used in the caller's transaction. The conditional update makes a second, concurrent
    /// use of the same link fail instead of succeeding twice.
    /// </summary>
    public async Task<Result> ConsumeAsync(EmailLink link, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.EmailLinks
            .Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (updated != 1)
        {
            return Used;
        }

        link.UsedAt = now;
        db.Entry(link).State = EntityState.Unchanged;
        return Result.Ok;
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
