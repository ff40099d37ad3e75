namespace Rasens.Data.Accounts;

public enum EmailLinkPurpose
{
    Registration = 1,
    PasswordReset = 2,
    EmailChange = 3,
}

/// <summary>
/// A link sent by e-mail (registration, password reset, e-mail change): valid 24 hours, single use.
/// Only a hash of the token is stored, so a database leak does not leak working links.
/// </summary>
public sealed class EmailLink
{
    public Guid Id { get; set; }

    public EmailLinkPurpose Purpose { get; set; }

    public string Email { get; set; } = "";

    public Guid? ApplicantId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}
