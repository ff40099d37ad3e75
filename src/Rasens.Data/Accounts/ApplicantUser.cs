using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Rasens.Data.Accounts;

/// <summary>The four user types of the Portal (000 §3.1, 001 §2.2).</summary>
public enum ApplicantUserType
{
    ForeignNational = 1,
    LegalRepresentative = 2,
    OrganizationStaff = 3,
    AttorneyOrScrivener = 4,
}

public static class ApplicantUserTypes
{
    /// <summary>Organisation staff and attorneys / scriveners register with the name of their organisation (001 §2.2).</summary>
    public static bool NeedsOrganization(this ApplicantUserType type) => type switch
    {
        ApplicantUserType.OrganizationStaff or ApplicantUserType.AttorneyOrScrivener => true,
        ApplicantUserType.ForeignNational or ApplicantUserType.LegalRepresentative => false,
    };
}

/// <summary>
/// A Portal account. <see cref="IdentityUser{TKey}.UserName"/> holds the issued User ID; the name is in
/// capital Latin letters as on the residence card or passport.
/// </summary>
public sealed class ApplicantUser : IdentityUser<Guid>, ISignInAccount
{
    public ApplicantUserType UserType { get; set; }

    public string NameEnglish { get; set; } = "";

    public string? PostalCode { get; set; }

    public string? Address { get; set; }

    /// <summary>From the card's basic 4 information when a request for use is made.</summary>
    public string? Sex { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Organisation name for organisation staff and attorneys / scriveners.</summary>
    public string? OrganizationName { get; set; }

    /// <summary>UI culture remembered for e-mails (ja, en, zh-Hans, zh-Hant, ko, es, vi, tl).</summary>
    public string PreferredCulture { get; set; } = "ja";

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public bool CanSignIn => true;

    public Actor ToActor() => new(ActorRole.Applicant, Id, NameEnglish);

    /// <summary>The English name for the layout, and the previous login (this one is recorded after) as "Last login date".</summary>
    public IEnumerable<Claim> SessionClaims() => LastSignInAt is { } last
        ? [new(AccountClaims.DisplayName, NameEnglish), new(AccountClaims.LastLogin, last.ToString("O", CultureInfo.InvariantCulture))]
        : [new(AccountClaims.DisplayName, NameEnglish)];
}

public sealed class ApplicantUserClaim : IdentityUserClaim<Guid>;

public sealed class ApplicantUserLogin : IdentityUserLogin<Guid>;

public sealed class ApplicantUserToken : IdentityUserToken<Guid>;
