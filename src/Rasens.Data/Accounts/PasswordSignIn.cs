using Microsoft.AspNetCore.Identity;
using Rasens.Data.Audit;

namespace Rasens.Data.Accounts;

/// <summary>
/// The one sign-in rule both apps follow (001 §3.2): user name / User ID and password, five consecutive
/// failures lock the account for 24 hours, every attempt is audited with its real outcome, and the
/// caller learns only success or failure — never which of the two fields was wrong.
/// </summary>
public sealed class PasswordSignIn<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    RasensDbContext db,
    TimeProvider clock)
    where TUser : IdentityUser<Guid>, ISignInAccount
{
    /// <summary>Signs the user in with a session cookie; returns false, after auditing why, when that is not possible.</summary>
    public async Task<bool> AttemptAsync(string userName, string password, string auditAction, string? remoteAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByNameAsync(userName.Trim());
        string outcome;
        if (user is null || !user.CanSignIn)
        {
            outcome = user is null ? "unknown user" : "account disabled";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                user.LastSignInAt = now;
                await users.UpdateAsync(user);
                db.Record(user.ToActor(), auditAction, AuditOutcome.Succeeded, now, remoteAddress: remoteAddress);
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }

            outcome = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password";
        }

        var attempted = userName.Length > 100 ? userName[..100] : userName;
        var actor = user?.ToActor() ?? new Actor(ActorRole.Anonymous, Guid.Empty, attempted);
        db.Record(actor, auditAction, AuditOutcome.Refused, now, details: outcome, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }
}
