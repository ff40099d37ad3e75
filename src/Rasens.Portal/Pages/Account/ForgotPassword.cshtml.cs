using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;

namespace Rasens.Portal.Pages.Account;

/// <summary>
/// If you forgot your password (001 §3.5): User ID and registered e-mail; a single-use link valid 24 hours
/// goes to that address. The same answer on screen whether or not they matched.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ForgotPasswordModel(
    UserManager<ApplicantUser> users, EmailLinks links, Mailer mailer, RasensDbContext db, RasensOptions options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = await users.FindByNameAsync(Input.UserId.Trim());
        var matched = user is not null && string.Equals(user.Email, Input.Email, StringComparison.OrdinalIgnoreCase);
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

        db.Record(user?.ToActor() ?? new Actor(ActorRole.Anonymous, Guid.Empty, Input.UserId), "applicant.forgot-password",
            matched ? AuditOutcome.Succeeded : AuditOutcome.Refused, now, details: matched ? "link sent" : "no match",
            remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(32, ErrorMessage = "Validation_TooLong")]
        [Display(Name = "UserId")]
        public string UserId { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }
}
