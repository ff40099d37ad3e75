using System.Security.Claims;

namespace Rasens.Workbench.Infrastructure;

/// <summary>The signed-in member of staff as the rules see them: an <see cref="Actor"/> from the cookie's claims.</summary>
public static class StaffIdentity
{
    public const string CaseWorkPolicy = "case-work";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : Guid.Empty;
        var role = Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var staffRole) ? staffRole.ToActorRole() : ActorRole.Anonymous;
        return new Actor(role, id, user.FindFirstValue(AccountClaims.DisplayName) ?? user.Identity?.Name ?? "");
    }

    public static bool IsSupervisor(this ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Supervisor));
}
