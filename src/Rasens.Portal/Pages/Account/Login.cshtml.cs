using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;

namespace Rasens.Portal.Pages.Account;

/// <summary>Applicant login by User ID and password (001 §3.2); five failures lock for 24 hours; every attempt audited.</summary>
[AllowAnonymous]
public sealed class LoginModel(
    UserManager<ApplicantUser> users,
    SignInManager<ApplicantUser> signIn,
    RasensDbContext db,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public Credentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

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
        var remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await users.FindByNameAsync(Input.UserId.Trim());
        string outcome;
        if (user is null)
        {
            outcome = "unknown user";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                user.LastSignInAt = now;
                await users.UpdateAsync(user);
                db.Record(Applicant(user), "applicant.login", AuditOutcome.Succeeded, now, remoteAddress: remote);
                await db.SaveChangesAsync(cancellationToken);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/MyPage");
            }

            outcome = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password";
        }

        var attempted = Input.UserId.Length > 100 ? Input.UserId[..100] : Input.UserId;
        var actor = user is null ? new Actor(ActorRole.Anonymous, Guid.Empty, attempted) : Applicant(user);
        db.Record(actor, "applicant.login", AuditOutcome.Refused, now, details: outcome, remoteAddress: remote);
        await db.SaveChangesAsync(cancellationToken);

        // The same message whatever was wrong (001 §3.2): never say which of User ID or password.
        Failed = true;
        Input.Password = "";
        return Page();
    }

    private static Actor Applicant(ApplicantUser user) => new(ActorRole.Applicant, user.Id, user.NameEnglish);

    public sealed class Credentials
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "UserId")]
        [StringLength(32, ErrorMessage = "Validation_TooLong")]
        public string UserId { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        [StringLength(64, ErrorMessage = "Validation_TooLong")]
        public string Password { get; set; } = "";
    }
}
