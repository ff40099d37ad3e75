using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Rasens.Data.Accounts;

/// <summary>The claims a sign-in cookie carries besides Identity's own, read by the layouts and by authorization.</summary>
public static class AccountClaims
{
    /// <summary>The name the layout shows: an applicant's English name, a member of staff's display name.</summary>
    public const string DisplayName = "rasens:display-name";

    /// <summary>An applicant's previous login (the cookie is made before this one is recorded), shown as "Last login date".</summary>
    public const string LastLogin = "rasens:last-login";

    /// <summary>A member of staff's office.</summary>
    public const string Office = "rasens:office";
}

/// <summary>Puts each kind of account's <see cref="ISignInAccount.SessionClaims"/> on its sign-in cookie.</summary>
public sealed class AccountClaimsPrincipalFactory<TUser>(UserManager<TUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<TUser>(users, options)
    where TUser : IdentityUser<Guid>, ISignInAccount
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(user.SessionClaims());
        return identity;
    }
}
