using System.Security.Claims;

namespace Rasens.Portal.Infrastructure;

/// <summary>
/// The signed-in applicant as the rules see them: an <see cref="Actor"/> from the cookie's claims, named as
/// <see cref="Rasens.Data.Accounts.ApplicantUser.ToActor"/> names them (the English name, not the User ID).
/// </summary>
public static class ApplicantIdentity
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new Actor(ActorRole.Applicant, id, user.FindFirstValue(Rasens.Data.Accounts.AccountClaims.DisplayName) ?? "")
            : new Actor(ActorRole.Anonymous, Guid.Empty, "");
    }
}
