using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rasens.Data.Audit;

namespace Rasens.Data.Accounts;

/// <summary>Where a correct password leads.</summary>
public enum SignInStep
{
    Refused = 1,
    SignedIn = 2,

    /// <summary>Half signed in with Identity's two-factor cookie: the authenticator code comes next.</summary>
    CodeRequired = 3,

    /// <summary>Half signed in with the enrolment marker: an authenticator is to be set up first.</summary>
    EnrolmentRequired = 4,
}

/// <summary>
/// The one sign-in rule both apps follow (001 §3.2): user name / User ID and password, five consecutive
/// failures lock the account for 24 hours, every attempt is audited with its real outcome, and the
/// caller learns only success or failure — never which of the two fields was wrong.
/// </summary>
public sealed class PasswordSignIn<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    TwoFactorSignIn<TUser> secondFactor,
    RasensDbContext db,
    TimeProvider clock)
    where TUser : IdentityUser<Guid>, ISignInAccount
{
    /// <summary>Signs the user in with a session cookie; returns false, after auditing why, when that is not possible.</summary>
    public async Task<bool> AttemptAsync(string userName, string password, string auditAction, string? remoteAddress, CancellationToken cancellationToken) =>
        await AttemptAsync(userName, password, auditAction, remoteAddress, requireSecondFactor: false, cancellationToken) == SignInStep.SignedIn;

    /// <summary>
    /// Checks the password. Without <paramref name="requireSecondFactor"/> a correct one signs in (whatever the
    /// user's own two-factor flag says); with it, a correct one only leads to the code step or to setting up an
    /// authenticator (see <see cref="TwoFactorSignIn{TUser}"/>).
    /// </summary>
    public async Task<SignInStep> AttemptAsync(string userName, string password, string auditAction, string? remoteAddress, bool requireSecondFactor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (requireSecondFactor)
        {
            await secondFactor.ForgetPendingAsync();
        }

        var user = await users.FindByNameAsync(userName.Trim());
        string outcome;
        if (user is null || !user.CanSignIn)
        {
            outcome = user is null ? "unknown user" : "account disabled";
        }
        else if (requireSecondFactor && await secondFactor.IsEnrolledAsync(user))
        {
            // Identity's own two-step sign-in: a correct password issues its short-lived two-factor cookie, not a session.
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.RequiresTwoFactor)
            {
                return await PasswordAcceptedAsync(user, auditAction, "code required", SignInStep.CodeRequired, now, remoteAddress, cancellationToken);
            }

            if (result.Succeeded)
            {
                // Identity skips the code only for a browser remembered by RememberTwoFactorClientAsync, which this
                // app never calls; a password alone is never enough here.
                await signIn.SignOutAsync();
                outcome = "second factor skipped";
            }
            else
            {
                outcome = Reason(result);
            }
        }
        else
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (result.Succeeded && requireSecondFactor)
            {
                await secondFactor.BeginEnrolmentAsync(user);
                return await PasswordAcceptedAsync(user, auditAction, "authenticator set-up required", SignInStep.EnrolmentRequired, now, remoteAddress, cancellationToken);
            }

            if (result.Succeeded)
            {
                // Identity leaves the failure count of a user with two-factor on to the code step; without one the
                // password is the whole sign-in.
                await users.ResetAccessFailedCountAsync(user);
                // The same session cookie Identity's PasswordSignInAsync issues, with its "amr" claim.
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
                user.LastSignInAt = now;
                await users.UpdateAsync(user);
                db.Record(user.ToActor(), auditAction, AuditOutcome.Succeeded, now, remoteAddress: remoteAddress);
                await db.SaveChangesAsync(cancellationToken);
                return SignInStep.SignedIn;
            }

            outcome = Reason(result);
        }

        var attempted = userName.Length > 100 ? userName[..100] : userName;
        var actor = user?.ToActor() ?? new Actor(ActorRole.Anonymous, Guid.Empty, attempted);
        db.Record(actor, auditAction, AuditOutcome.Refused, now, details: outcome, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return SignInStep.Refused;
    }

    private static string Reason(SignInResult result) =>
        result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password";

    /// <summary>The password step succeeded but nobody is signed in yet; the audit says what comes next.</summary>
    private async Task<SignInStep> PasswordAcceptedAsync(TUser user, string auditAction, string next, SignInStep step, DateTime now, string? remoteAddress, CancellationToken cancellationToken)
    {
        db.Record(user.ToActor(), auditAction, AuditOutcome.Succeeded, now, details: "password correct; " + next, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return step;
    }
}
