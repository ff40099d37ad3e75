using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Account;

/// <summary>
/// The reset link's page: a new password (the policy, entered twice). Setting it consumes the link, lifts an
/// account lock at once (001 §3.2 reference), signs out other sessions and sends a confirmation e-mail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ResetPasswordModel(
    EmailLinks links,
    UserManager<ApplicantUser> users,
    Mailer mailer,
    RasensDbContext db,
    PasswordFeedback passwords,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public Error? LinkError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await FindLinkAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindLinkAsync(cancellationToken) is not { } link)
        {
            return Page();
        }

        passwords.Check(ModelState, Password, ConfirmPassword, nameof(Password), nameof(ConfirmPassword));
        var user = link.ApplicantId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (!ModelState.IsValid || user is null)
        {
            LinkError = user is null ? EmailLinks.Invalid : null;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!(await links.ConsumeAsync(link, cancellationToken)).Succeeded)
        {
            LinkError = EmailLinks.Used;
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password!);
        if (!reset.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            passwords.Add(ModelState, reset.Errors, nameof(Password));
            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        mailer.Queue("password-changed", user.Email!, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["Time"] = JapanTime.Format(now),
        });
        db.Record(user.ToActor(), "applicant.password-reset", AuditOutcome.Succeeded, now, remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/Account/Login?Notice=reset");
    }

    private async Task<EmailLink?> FindLinkAsync(CancellationToken cancellationToken)
    {
        var found = await links.FindUsableAsync(Token, EmailLinkPurpose.PasswordReset, cancellationToken);
        LinkError = found.Error;
        return found.Value;
    }
}
