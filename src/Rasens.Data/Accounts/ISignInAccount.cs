using System.Security.Claims;

namespace Rasens.Data.Accounts;

/// <summary>What the shared sign-in flow needs from either kind of account.</summary>
public interface ISignInAccount
{
    DateTime? LastSignInAt { get; set; }

    /// <summary>False for an account that may not sign in at all (e.g. a deactivated member of staff).</summary>
    bool CanSignIn { get; }

    Actor ToActor();

    /// <summary>What the sign-in cookie carries besides Identity's own claims (see <see cref="AccountClaims"/>).</summary>
    IEnumerable<Claim> SessionClaims();
}
