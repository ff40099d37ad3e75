using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Rasens.Data.Accounts;

/// <summary>A Workbench account: examiner, supervisor or administrator of a regional office.</summary>
public sealed class StaffUser : IdentityUser<Guid>, ISignInAccount
{
    public string DisplayName { get; set; } = "";

    public StaffRole Role { get; set; }

    public int OfficeId { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public bool CanSignIn => IsActive;

    public Actor ToActor() => new(Role.ToActorRole(), Id, DisplayName);

    /// <summary>The role (authorization reads it), the display name and the office.</summary>
    public IEnumerable<Claim> SessionClaims() =>
        [new(ClaimTypes.Role, Role.ToString()), new(AccountClaims.DisplayName, DisplayName), new(AccountClaims.Office, OfficeId.ToString(CultureInfo.InvariantCulture))];
}

/// <summary>Staff roles (DOMAIN §1). Stored as text.</summary>
public enum StaffRole
{
    Examiner = 1,
    Supervisor = 2,
    Administrator = 3,
}

public static class StaffRoleExtensions
{
    public static ActorRole ToActorRole(this StaffRole role) => role switch
    {
        StaffRole.Examiner => ActorRole.Examiner,
        StaffRole.Supervisor => ActorRole.Supervisor,
        StaffRole.Administrator => ActorRole.Administrator,
    };
}

public sealed class StaffUserClaim : IdentityUserClaim<Guid>;

public sealed class StaffUserLogin : IdentityUserLogin<Guid>;

public sealed class StaffUserToken : IdentityUserToken<Guid>;
