using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;

namespace Rasens.Data.Accounts;

/// <summary>What the registration form supplies once the link has brought the applicant to it (001 §2.2).</summary>
public sealed record NewAccount(ApplicantUserType UserType, string NameEnglish, string Phone, string? OrganizationName, string Password);

/// <summary>The account's other information changed on My Page (001 §6.5).</summary>
public sealed record ContactDetails(string Phone, string? PostalCode, string? Address);

/// <summary>One piece of <see cref="ContactDetails"/>. Numbers are kept; never renumber.</summary>
public enum ContactItem
{
    Phone = 1,
    PostalCode = 2,
    Address = 3,
}

/// <summary>
/// The Portal account's workflows (DOMAIN §2): creating the account at the end of registration, recovering the
/// User ID or the password, resetting the password (which lifts a lockout), changing the e-mail address, the
/// password and the other information. Each writes its change, its e-mail (outbox) and its audit entry in one
/// transaction, all or nothing; every refusal is audited and changes nothing else. E-mail addresses are always
/// compared through Identity's own normaliser (<see cref="UserManager{TUser}.NormalizeEmail"/>), the one that
/// wrote the stored <c>NormalizedEmail</c>. Re-authentication with the current password, which signs a locked-out
/// user out, stays with the page (it needs the sign-in cookie).
/// </summary>
public sealed class ApplicantAccounts(
    RasensDbContext db, UserManager<ApplicantUser> users, EmailLinks links, Mailer mailer, RasensOptions options, TimeProvider clock)
{
    public static Error OrganizationRequired { get; } = new("account.organization-required", "Organisation staff and attorneys or scriveners give the name of their organisation.");

    public static Error EmailUnchanged { get; } = new("account.email-unchanged", "The new e-mail address is the one already registered.");

    /// <summary>An e-mail change link opened by another account than the one that asked for it: pages answer "not found".</summary>
    public static Error NotYourLink { get; } = new("link.not-yours", "This link was sent for another account.");

    public static Error NoAccount { get; } = new("account.not-found", "There is no such account.");

    /// <summary>Registration's last step: the link is consumed and the account created together, or neither (a link registers once).</summary>
    public async Task<Result<ApplicantUser>> RegisterAsync(
        string? token, NewAccount account, string culture, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        const string action = "applicant.registered";
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await links.FindUsableAsync(token, EmailLinkPurpose.Registration, cancellationToken);
        if (found.Value is not { } link)
        {
            return await RefuseAsync(Anonymous(account.NameEnglish), action, found.Error!, now, remoteAddress, cancellationToken);
        }

        if (account.UserType.NeedsOrganization() && string.IsNullOrWhiteSpace(account.OrganizationName))
        {
            return await RefuseAsync(Anonymous(account.NameEnglish), action, OrganizationRequired, now, remoteAddress, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!(await links.ConsumeAsync(link, cancellationToken)).Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(Anonymous(account.NameEnglish), action, EmailLinks.Used, now, remoteAddress, cancellationToken);
        }

        var user = new ApplicantUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = await UserIds.NewAsync(db, cancellationToken),
            Email = link.Email,
            EmailConfirmed = true,
            UserType = account.UserType,
            NameEnglish = account.NameEnglish,
            PhoneNumber = account.Phone,
            OrganizationName = account.UserType.NeedsOrganization() ? account.OrganizationName?.Trim() : null,
            PreferredCulture = string.IsNullOrEmpty(culture) ? "ja" : culture,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(Anonymous(account.NameEnglish), action, Refusal(created), now, remoteAddress, cancellationToken);
        }

        mailer.Queue("user-registered", user.Email, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = user.NameEnglish,
            ["UserId"] = user.UserName,
        });
        db.Record(user.ToActor(), action, AuditOutcome.Succeeded, now, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ApplicantUser>.Success(user);
    }

    /// <summary>
    /// Forgot User ID (001 §3.4): the IDs registered with this e-mail address and English name go to that address.
    /// The outcome is the same whether or not anything matched, so the answer reveals nothing; the audit says which.
    /// </summary>
    public async Task<Result> SendUserIdsAsync(string email, string nameEnglish, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        var normalized = users.NormalizeEmail(email?.Trim()) ?? "";
        var name = nameEnglish?.Trim() ?? "";
        var matches = normalized.Length == 0 || name.Length == 0 ? []
            : await db.ApplicantUsers.AsNoTracking()
                .Where(u => u.NormalizedEmail == normalized && u.NameEnglish == name)
                .OrderBy(u => u.CreatedAt)
                .Select(u => new { u.UserName, u.Email, u.PreferredCulture })
                .ToListAsync(cancellationToken);
        if (matches.Count > 0)
        {
            mailer.Queue("user-id-reminder", matches[0].Email!, matches[0].PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["UserIds"] = string.Join(", ", matches.Select(m => m.UserName)),
            });
        }

        db.Record(Anonymous(name), "applicant.forgot-user-id", matches.Count > 0 ? AuditOutcome.Succeeded : AuditOutcome.Refused,
            clock.GetUtcNow().UtcDateTime, details: matches.Count > 0 ? "sent" : "no match", remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// Forgot password (001 §3.5): when the User ID and e-mail address belong together, a single-use link valid 24
    /// hours goes to that address. The same outcome either way; the audit says which.
    /// </summary>
    public async Task<Result> SendPasswordResetAsync(string userId, string email, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByNameAsync(userId?.Trim() ?? "");
        var matched = user?.Email is not null && string.Equals(users.NormalizeEmail(user.Email), users.NormalizeEmail(email?.Trim()), StringComparison.Ordinal);
        if (matched)
        {
            var token = links.Create(EmailLinkPurpose.PasswordReset, user!.Email!, user.Id);
            mailer.Queue("password-reset-link", user.Email!, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["UserId"] = user.UserName!,
                ["Link"] = options.PortalLink($"/Account/ResetPassword?token={token}"),
                ["Expires"] = JapanTime.Format(now + EmailLinks.Lifetime),
            });
        }

        db.Record(user?.ToActor() ?? Anonymous(userId ?? ""), "applicant.forgot-password", matched ? AuditOutcome.Succeeded : AuditOutcome.Refused, now,
            details: matched ? "link sent" : "no match", remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// The reset link's new password: the link is consumed, the password set, a lockout lifted at once (DOMAIN §2)
    /// with the failure count cleared, other sessions ended (the security stamp changes) and the change confirmed
    /// by e-mail — all or nothing.
    /// </summary>
    public async Task<Result> ResetPasswordAsync(string? token, string password, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        const string action = "applicant.password-reset";
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await links.FindUsableAsync(token, EmailLinkPurpose.PasswordReset, cancellationToken);
        var user = found.Value?.ApplicantId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (found.Value is not { } link || user is null)
        {
            return await RefuseAsync(Anonymous(""), action, found.Error ?? EmailLinks.Invalid, now, remoteAddress, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var refusal = !(await links.ConsumeAsync(link, cancellationToken)).Succeeded ? EmailLinks.Used
            : await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password) is { Succeeded: false } reset ? Refusal(reset)
            : await LiftLockoutAsync(user);
        if (refusal is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(user.ToActor(), action, refusal, now, remoteAddress, cancellationToken);
        }

        return await PasswordChangedAsync(user, action, now, remoteAddress, transaction, cancellationToken);
    }

    /// <summary>
    /// Changing the password on My Page (001 §6.4), after the page re-authenticated the applicant: set with a
    /// confirming e-mail and an audit entry. The security stamp changes, so the page refreshes its own sign-in.
    /// </summary>
    public async Task<Result> ChangePasswordAsync(Guid applicantId, string currentPassword, string newPassword, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        const string action = "applicant.password-changed";
        var now = clock.GetUtcNow().UtcDateTime;
        if (await users.FindByIdAsync(applicantId.ToString()) is not { } user)
        {
            return await RefuseAsync(Anonymous(""), action, NoAccount, now, remoteAddress, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(user.ToActor(), action, Refusal(changed), now, remoteAddress, cancellationToken);
        }

        return await PasswordChangedAsync(user, action, now, remoteAddress, transaction, cancellationToken);
    }

    /// <summary>The end of both ways to a new password: the confirming e-mail and the audit entry, committed with it.</summary>
    private async Task<Result> PasswordChangedAsync(
        ApplicantUser user, string action, DateTime now, string? remoteAddress, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        mailer.Queue("password-changed", user.Email!, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["Time"] = JapanTime.Format(now),
        });
        db.Record(user.ToActor(), action, AuditOutcome.Succeeded, now, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Whether <paramref name="newEmail"/> can become the account's address, or why not (it already is, whatever its case).</summary>
    public Error? EmailChangeRefusal(ApplicantUser user, string newEmail)
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Equals(users.NormalizeEmail(newEmail?.Trim()), users.NormalizeEmail(user.Email), StringComparison.Ordinal) ? EmailUnchanged : null;
    }

    /// <summary>Changing the e-mail address (001 §6.3): a link valid 24 hours goes to the new address; nothing changes until it is opened.</summary>
    public async Task<Result> RequestEmailChangeAsync(Guid applicantId, string newEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newEmail);
        if (await users.FindByIdAsync(applicantId.ToString()) is not { } user)
        {
            return NoAccount;
        }

        if (EmailChangeRefusal(user, newEmail) is { } refused)
        {
            return refused;
        }

        var address = newEmail.Trim();
        var token = links.Create(EmailLinkPurpose.EmailChange, address, user.Id);
        mailer.Queue("email-change-link", address, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["Link"] = options.PortalLink($"/MyPage/ConfirmEmail?token={token}"),
            ["Expires"] = JapanTime.Format(clock.GetUtcNow().UtcDateTime + EmailLinks.Lifetime),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>The e-mail change link, if it can still be used and only by the account that asked for it (<see cref="NotYourLink"/> otherwise).</summary>
    public async Task<Result<EmailLink>> FindEmailChangeAsync(Guid applicantId, string? token, CancellationToken cancellationToken = default)
    {
        var found = await links.FindUsableAsync(token, EmailLinkPurpose.EmailChange, cancellationToken);
        return found.Value is { } link && link.ApplicantId != applicantId ? NotYourLink : found;
    }

    /// <summary>
    /// The link from the new address completes the change: the address is set and normalised by Identity, marked
    /// confirmed, the old address is told and the new one confirmed, in one transaction with the link's use.
    /// </summary>
    public async Task<Result> ConfirmEmailChangeAsync(Guid applicantId, string? token, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        const string action = "applicant.email-changed";
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByIdAsync(applicantId.ToString());
        var found = await FindEmailChangeAsync(applicantId, token, cancellationToken);
        if (found.Value is not { } link || user is null)
        {
            return await RefuseAsync(user?.ToActor() ?? Anonymous(""), action, found.Error ?? NoAccount, now, remoteAddress, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!(await links.ConsumeAsync(link, cancellationToken)).Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(user.ToActor(), action, EmailLinks.Used, now, remoteAddress, cancellationToken);
        }

        var oldEmail = user.Email!;
        user.Email = link.Email;
        user.EmailConfirmed = true;
        await users.UpdateNormalizedEmailAsync(user);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(user.ToActor(), action, Refusal(updated), now, remoteAddress, cancellationToken);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["NewEmail"] = link.Email,
            ["Time"] = JapanTime.Format(now),
        };
        mailer.Queue("email-changed-old", oldEmail, user.PreferredCulture, values);
        mailer.Queue("email-changed-new", link.Email, user.PreferredCulture, values);
        db.Record(user.ToActor(), action, AuditOutcome.Succeeded, now, remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>
    /// My Page's other information (001 §6.5): what differs from the account is saved and listed in an e-mail in
    /// the applicant's own language (not the screen's), with an audit entry, in one save. Returns what changed;
    /// nothing changed means nothing is written.
    /// </summary>
    public async Task<Result<IReadOnlyList<ContactItem>>> ChangeContactDetailsAsync(
        Guid applicantId, ContactDetails details, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (await users.FindByIdAsync(applicantId.ToString()) is not { } user)
        {
            return NoAccount;
        }

        var wanted = new Dictionary<ContactItem, string?>
        {
            [ContactItem.Phone] = Blank(details.Phone),
            [ContactItem.PostalCode] = Blank(details.PostalCode),
            [ContactItem.Address] = Blank(details.Address),
        };
        var changes = wanted.Where(w => !string.Equals(Current(user, w.Key), w.Value, StringComparison.Ordinal)).ToList();
        if (changes.Count == 0)
        {
            return Result<IReadOnlyList<ContactItem>>.Success([]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        user.PhoneNumber = wanted[ContactItem.Phone];
        user.PostalCode = wanted[ContactItem.PostalCode];
        user.Address = wanted[ContactItem.Address];
        var culture = CultureInfo.GetCultureInfo(string.IsNullOrEmpty(user.PreferredCulture) ? "ja" : user.PreferredCulture);
        mailer.Queue("user-info-changed", user.Email!, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["Time"] = JapanTime.Format(now),
            ["Changes"] = string.Join("\n", changes.Select(c => $"{Label(c.Key, culture)}: {c.Value}")),
        });
        db.Record(user.ToActor(), "applicant.info-changed", AuditOutcome.Succeeded, now,
            details: string.Join("; ", changes.Select(c => $"{Label(c.Key, CultureInfo.InvariantCulture)}: {c.Value}")), remoteAddress: remoteAddress);
        // One save: the account, its e-mail and its audit entry together.
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Refusal(updated);
        }

        return Result<IReadOnlyList<ContactItem>>.Success([.. changes.Select(c => c.Key)]);
    }

    /// <summary>The label of an item of the account's information, in <paramref name="culture"/>, as the form shows it.</summary>
    public static string Label(ContactItem item, CultureInfo culture) => FormTexts.Get(item switch
    {
        ContactItem.Phone => "account.phone",
        ContactItem.PostalCode => "account.postalCode",
        ContactItem.Address => "account.address",
    }, culture);

    private static string? Current(ApplicantUser user, ContactItem item) => item switch
    {
        ContactItem.Phone => Blank(user.PhoneNumber),
        ContactItem.PostalCode => Blank(user.PostalCode),
        ContactItem.Address => Blank(user.Address),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Lifts a lockout at once and clears the failure count that leads to one; null when done.</summary>
    private async Task<Error?> LiftLockoutAsync(ApplicantUser user)
    {
        if (await users.GetLockoutEnabledAsync(user) && await users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } unlocked)
        {
            return Refusal(unlocked);
        }

        return await users.ResetAccessFailedCountAsync(user) is { Succeeded: false } reset ? Refusal(reset) : null;
    }

    /// <summary>What Identity refused, as a refusal: its first error (the password policy's codes, see <see cref="PolicyPasswordValidator{TUser}"/>).</summary>
    private static Error Refusal(IdentityResult result)
    {
        var error = result.Errors.FirstOrDefault();
        return error is null ? new("account.refused", "The account could not be changed.") : new(error.Code, error.Description);
    }

    /// <summary>Someone not signed in, named by what they typed (cut to what the audit keeps).</summary>
    private static Actor Anonymous(string attempted) =>
        new(ActorRole.Anonymous, Guid.Empty, attempted.Length > 100 ? attempted[..100] : attempted);

    /// <summary>Throws away whatever the attempt changed and records only that it was refused, and why.</summary>
    private async Task<Error> RefuseAsync(Actor actor, string action, Error refusal, DateTime now, string? remoteAddress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.Record(actor, action, AuditOutcome.Refused, now, details: AuditJournal.RefusalDetails(refusal), remoteAddress: remoteAddress);
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }
}
