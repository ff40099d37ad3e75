using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rasens.Data.Accounts;

namespace Rasens.Workbench.Infrastructure;

/// <summary>Puts the staff member's role, display name and office on the sign-in cookie.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    public const string DisplayNameClaim = "rasens:display-name";
    public const string OfficeClaim = "rasens:office";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(OfficeClaim, user.OfficeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
