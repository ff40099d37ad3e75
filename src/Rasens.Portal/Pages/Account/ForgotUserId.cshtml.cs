using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Rasens.Data;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;

namespace Rasens.Portal.Pages.Account;

/// <summary>
/// If you forgot your User ID (001 §3.4): the registered e-mail address and English name; the ID goes
/// by e-mail. The screen answers the same whether or not they matched, so it reveals nothing.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class ForgotUserIdModel(RasensDbContext db, Mailer mailer, TimeProvider clock) : PageModel
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

        var email = Input.Email.ToUpperInvariant();
        var matches = await db.ApplicantUsers.AsNoTracking()
            .Where(u => u.NormalizedEmail == email && u.NameEnglish == Input.NameEnglish)
            .Select(u => new { u.UserName, u.Email, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        if (matches.Count > 0)
        {
            mailer.Queue("user-id-reminder", matches[0].Email!, matches[0].PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["UserIds"] = string.Join(", ", matches.Select(m => m.UserName)),
            });
        }

        db.Record(new Actor(ActorRole.Anonymous, Guid.Empty, Input.NameEnglish), "applicant.forgot-user-id",
            matches.Count > 0 ? AuditOutcome.Succeeded : AuditOutcome.Refused, clock.GetUtcNow().UtcDateTime,
            details: matches.Count > 0 ? "sent" : "no match", remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [EmailAddressFormat]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [NameEnglish]
        [Display(Name = "NameEnglish")]
        public string NameEnglish { get; set; } = "";
    }
}
