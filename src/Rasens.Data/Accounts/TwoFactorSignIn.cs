using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rasens.Data.Audit;

namespace Rasens.Data.Accounts;

/// <summary>How a code step ended: signed in, refused (same message whatever the reason), or no half-signed-in state to continue.</summary>
public enum CodeOutcome
{
    SignedIn = 1,
    Refused = 2,

    /// <summary>No valid half-signed-in state (never issued, expired, forged, or already spent): start again with the password.</summary>
    NoPendingSignIn = 3,
}

/// <summary>What the set-up page shows: the key for typing and the otpauth:// address for the QR code.</summary>
public sealed record PendingEnrolment(string UserName, string SharedKey, string Uri);

/// <summary>
/// The second step of sign-in: a code from an authenticator app, checked by Identity's own authenticator token
/// provider. Wrong and replayed codes count towards the same lockout as wrong passwords (5 → 24 h), every
/// attempt is audited with its real reason, and the caller learns only signed in / refused.
/// </summary>
/// <remarks>
/// Between a correct password and a correct code the person is "half signed in", and nothing about that state
/// is an application cookie, so every signed-in page still sends them to sign-in:
/// <list type="bullet">
/// <item>Someone with an authenticator gets Identity's own two-factor cookie
/// (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>), issued by <c>PasswordSignInAsync</c>: data-protected,
/// carrying the user id and security stamp, expiring after <see cref="Authenticator.PendingLifetime"/>, and read
/// only by <c>TwoFactorAuthenticatorSignInAsync</c>.</item>
/// <item>Someone without one yet has nothing Identity offers (its password sign-in would let them straight in), so
/// they get a marker of the same shape: user id, security stamp and expiry, protected by data protection under a
/// purpose of its own, so it can neither be forged nor stand in for the two-factor cookie. Turning two-factor on
/// changes the security stamp, which spends the marker; and it is honoured only while the user still has no
/// authenticator, so a stolen password can never replace an authenticator that is already set up.</item>
/// </list>
/// </remarks>
public sealed class TwoFactorSignIn<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    RasensDbContext db,
    TimeProvider clock,
    IDataProtectionProvider protection,
    IOptionsMonitor<CookieAuthenticationOptions> cookies)
    where TUser : IdentityUser<Guid>, ISignInAccount
{
    /// <summary>Where the last accepted time step is kept, beside Identity's own AuthenticatorKey token.</summary>
    public const string StepTokenProvider = "Rasens";
    public const string StepTokenName = "AuthenticatorLastStep";

    private readonly IDataProtector _marker = protection.CreateProtector("Rasens.Accounts.TwoFactorEnrolment.v1");

    private HttpContext Http => signIn.Context;

    private string MarkerCookie => cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name + ".Enrolment";

    public async Task<bool> IsEnrolledAsync(TUser user) =>
        await users.GetTwoFactorEnabledAsync(user) && !string.IsNullOrWhiteSpace(await users.GetAuthenticatorKeyAsync(user));

    /// <summary>Ends any half-signed-in state in this browser (a new password attempt starts from nothing).</summary>
    public async Task ForgetPendingAsync()
    {
        Http.Response.Cookies.Delete(MarkerCookie, MarkerOptions(expires: null));
        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
    }

    /// <summary>After a correct password for someone without an authenticator: a key (kept if one was already made) and the marker.</summary>
    public async Task BeginEnrolmentAsync(TUser user)
    {
        // Like Identity's own set-up page, an unconfirmed key is kept, so a person who scanned it and then lost the
        // page does not have to scan again. Resetting it changes the security stamp, so it comes before the marker.
        if (string.IsNullOrWhiteSpace(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
        }

        var expires = clock.GetUtcNow() + Authenticator.PendingLifetime;
        var payload = string.Join('|', user.Id.ToString("N"), await users.GetSecurityStampAsync(user),
            expires.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Http.Response.Cookies.Append(MarkerCookie, _marker.Protect(payload), MarkerOptions(expires));
    }

    /// <summary>The person the marker in this request speaks for, or null when there is none that is still good.</summary>
    public async Task<TUser?> EnrollingUserAsync()
    {
        if (!Http.Request.Cookies.TryGetValue(MarkerCookie, out var protectedPayload) || string.IsNullOrEmpty(protectedPayload))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _marker.Unprotect(protectedPayload);
        }
        catch (CryptographicException)
        {
            return null; // forged, damaged, or protected with keys this app does not have
        }

        var parts = payload.Split('|');
        if (parts.Length != 3
            || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || new DateTimeOffset(ticks, TimeSpan.Zero) <= clock.GetUtcNow())
        {
            return null;
        }

        var user = await users.FindByIdAsync(id.ToString());
        return user is not null
               && user.CanSignIn
               && string.Equals(await users.GetSecurityStampAsync(user), parts[1], StringComparison.Ordinal)
               && !await IsEnrolledAsync(user)
            ? user
            : null;
    }

    /// <summary>What the set-up page shows, or null when there is no enrolment in progress in this browser.</summary>
    public async Task<PendingEnrolment?> PendingEnrolmentAsync(string issuer)
    {
        if (await EnrollingUserAsync() is not { } user || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return null;
        }

        var account = user.UserName ?? user.Id.ToString();
        return new PendingEnrolment(account, Authenticator.FormatKey(key), Authenticator.Uri(issuer, account, key));
    }

    /// <summary>Whether this browser holds Identity's two-factor cookie for someone who may still sign in.</summary>
    public async Task<bool> HasPendingCodeAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is { CanSignIn: true };

    /// <summary>The first code from a new authenticator: turns two-factor on and signs in.</summary>
    public async Task<CodeOutcome> EnrolAsync(string code, string auditAction, string? remoteAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await EnrollingUserAsync() is not { } user)
        {
            return await NoPendingAsync(auditAction, now, remoteAddress, cancellationToken);
        }

        string outcome;
        if (await users.IsLockedOutAsync(user))
        {
            outcome = "locked out";
        }
        else if (await RefusedStepAsync(user, code) is { } refused)
        {
            outcome = refused;
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Authenticator.Normalize(code) ?? code))
        {
            await users.AccessFailedAsync(user);
            outcome = "wrong code";
        }
        else
        {
            await users.SetTwoFactorEnabledAsync(user, true); // new security stamp: the marker is spent
            await users.ResetAccessFailedCountAsync(user);
            Http.Response.Cookies.Delete(MarkerCookie, MarkerOptions(expires: null));
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            return await SignedInAsync(user, auditAction, "authenticator set up", now, remoteAddress, cancellationToken);
        }

        return await RefusedAsync(user, auditAction, outcome, now, remoteAddress, cancellationToken);
    }

    /// <summary>The code step for someone whose authenticator is set up: Identity's two-factor sign-in, guarded against replay.</summary>
    public async Task<CodeOutcome> SignInWithCodeAsync(string code, string auditAction, string? remoteAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return await NoPendingAsync(auditAction, now, remoteAddress, cancellationToken);
        }

        string outcome;
        if (!user.CanSignIn)
        {
            outcome = "account disabled";
        }
        else if (await users.IsLockedOutAsync(user))
        {
            // Before the replay bookkeeping, so a locked account's code stays unspent for after the lock.
            outcome = "locked out";
        }
        else if (await RefusedStepAsync(user, code) is { } refused)
        {
            outcome = refused;
        }
        else
        {
            // Identity verifies the code, counts a wrong one towards lockout and, on success, swaps its two-factor
            // cookie for the application cookie.
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(Authenticator.Normalize(code) ?? code, isPersistent: false, rememberClient: false);
            if (result.Succeeded)
            {
                return await SignedInAsync(user, auditAction, null, now, remoteAddress, cancellationToken);
            }

            outcome = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong code";
        }

        return await RefusedAsync(user, auditAction, outcome, now, remoteAddress, cancellationToken);
    }

    private enum Step
    {
        /// <summary>Later than any accepted before, now recorded as the last one (or no valid code at all: Identity refuses it).</summary>
        Fresh,

        /// <summary>No later than the last accepted step: the code, or an older one, is being used again.</summary>
        Replayed,

        /// <summary>Another request changed this user at the same moment, i.e. raced with the same code.</summary>
        Raced,
    }

    /// <summary>
    /// Replay guard. A valid code's time step is recorded before Identity signs in with it, so a code (or an older
    /// one) is accepted at most once; the user row's concurrency stamp makes the second of two requests racing
    /// with the same code fail here instead of signing in too.
    /// </summary>
    private async Task<Step> ClaimStepAsync(TUser user, string code)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        // The system clock on purpose, not the injected one: Identity's authenticator provider, which checks the same
        // code after this, reads the system clock (until .NET 11), and the two must agree on the time step.
        if (key is null || Authenticator.MatchingStep(key, code, TimeProvider.System.GetUtcNow()) is not { } step)
        {
            return Step.Fresh;
        }

        if (step <= Authenticator.ParseStep(await users.GetAuthenticationTokenAsync(user, StepTokenProvider, StepTokenName)))
        {
            return Step.Replayed;
        }

        if ((await users.SetAuthenticationTokenAsync(user, StepTokenProvider, StepTokenName, Authenticator.Format(step))).Succeeded)
        {
            return Step.Fresh;
        }

        return Step.Raced;
    }

    /// <summary>The refusal reason for a code that is not fresh; a replayed one counts towards lockout like a wrong one.</summary>
    private async Task<string?> RefusedStepAsync(TUser user, string code)
    {
        var step = await ClaimStepAsync(user, code);
        if (step == Step.Replayed)
        {
            await users.AccessFailedAsync(user);
        }

        return step switch
        {
            Step.Fresh => null,
            Step.Replayed => "code already used",
            Step.Raced => "code used at the same time by another request",
        };
    }

    private async Task<CodeOutcome> RefusedAsync(TUser user, string auditAction, string outcome, DateTime now, string? remoteAddress, CancellationToken cancellationToken)
    {
        // Identity's store saves each change as it makes it, so whatever is still pending here is a write that lost
        // a race with another request (concurrency stamp); drop it, or the refusal could not be recorded.
        db.ChangeTracker.Clear();
        db.Record(user.ToActor(), auditAction, AuditOutcome.Refused, now, details: outcome, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return CodeOutcome.Refused;
    }

    private async Task<CodeOutcome> SignedInAsync(TUser user, string auditAction, string? details, DateTime now, string? remoteAddress, CancellationToken cancellationToken)
    {
        user.LastSignInAt = now;
        await users.UpdateAsync(user);
        db.Record(user.ToActor(), auditAction, AuditOutcome.Succeeded, now, details: details, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return CodeOutcome.SignedIn;
    }

    private async Task<CodeOutcome> NoPendingAsync(string auditAction, DateTime now, string? remoteAddress, CancellationToken cancellationToken)
    {
        db.Record(new Actor(ActorRole.Anonymous, Guid.Empty, "anonymous"), auditAction, AuditOutcome.Refused, now,
            details: "no pending sign-in", remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return CodeOutcome.NoPendingSignIn;
    }

    private CookieOptions MarkerOptions(DateTimeOffset? expires)
    {
        var application = cookies.Get(IdentityConstants.ApplicationScheme).Cookie;
        return new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = application.SameSite,
            Secure = Http.Request.IsHttps,
            Path = "/",
            Expires = expires,
        };
    }
}
