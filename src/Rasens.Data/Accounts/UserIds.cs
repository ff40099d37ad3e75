using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Rasens.Data.Accounts;

/// <summary>
/// New User IDs: two capital letters and eight digits, random rather than sequential so that an ID
/// tells nothing about others (and cannot be guessed to lock someone else's account).
/// </summary>
public static class UserIds
{
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static async Task<string> NewAsync(RasensDbContext db, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var id = string.Create(10, 0, (span, _) =>
            {
                span[0] = Letters[RandomNumberGenerator.GetInt32(Letters.Length)];
                span[1] = Letters[RandomNumberGenerator.GetInt32(Letters.Length)];
                for (var i = 2; i < span.Length; i++)
                {
                    span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
                }
            });
            if (!await db.ApplicantUsers.AnyAsync(u => u.NormalizedUserName == id, cancellationToken))
            {
                return id;
            }
        }
    }
}
