using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Messaging;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>
/// The link from the new address: completes the change, tells the old address and confirms to the new one.
/// Only the account that asked can use it; anyone else gets "not found".
/// </summary>
public sealed class ConfirmEmailModel(
    EmailLinks links, UserManager<ApplicantUser> users, Mailer mailer, RasensDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public Error? LinkError { get; private set; }

    public string NewEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await links.FindUsableAsync(Token, EmailLinkPurpose.EmailChange, cancellationToken);
        var user = await users.GetUserAsync(User);
        if (found.Value is { } usable && usable.ApplicantId != user?.Id)
        {
            return NotFound();
        }

        LinkError = found.Error;
        NewEmail = found.Value?.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var found = await links.FindUsableAsync(Token, EmailLinkPurpose.EmailChange, cancellationToken);
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (found.Value is not { } link)
        {
            LinkError = found.Error;
            return Page();
        }

        if (link.ApplicantId != user.Id)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldEmail = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!(await links.ConsumeAsync(link, cancellationToken)).Succeeded)
        {
            LinkError = EmailLinks.Used;
            return Page();
        }

        user.Email = link.Email;
        user.NormalizedEmail = link.Email.ToUpperInvariant();
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserId"] = user.UserName!,
            ["NewEmail"] = link.Email,
            ["Time"] = JapanTime.Format(now),
        };
        mailer.Queue("email-changed-old", oldEmail, user.PreferredCulture, values);
        mailer.Queue("email-changed-new", link.Email, user.PreferredCulture, values);
        db.Record(user.ToActor(), "applicant.email-changed", AuditOutcome.Succeeded, now, remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/MyPage/User?Changed=email");
    }
}
