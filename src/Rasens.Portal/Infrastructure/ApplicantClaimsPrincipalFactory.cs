using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rasens.Data.Accounts;

namespace Rasens.Portal.Infrastructure;

/// <summary>Puts the applicant's English name on the sign-in cookie for the layout.</summary>
public sealed class ApplicantClaimsPrincipalFactory(UserManager<ApplicantUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicantUser>(users, options)
{
    public const string DisplayNameClaim = "rasens:display-name";

    /// <summary>The previous login (the factory runs before this login is recorded), shown as "Last login date".</summary>
    public const string LastLoginClaim = "rasens:last-login";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicantUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.NameEnglish));
        if (user.LastSignInAt is { } last)
        {
            identity.AddClaim(new Claim(LastLoginClaim, last.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
