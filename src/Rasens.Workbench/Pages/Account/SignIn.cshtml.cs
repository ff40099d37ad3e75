using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;

namespace Rasens.Workbench.Pages.Account;

/// <summary>Staff sign-in: user name and password, five failures lock the account, every attempt audited.</summary>
[AllowAnonymous]
public sealed class SignInModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
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
        var user = await users.FindByNameAsync(Input.UserName);
        string outcome;
        if (user is null || !user.IsActive)
        {
            outcome = user is null ? "unknown user" : "inactive account";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                user.LastSignInAt = now;
                await users.UpdateAsync(user);
                db.Record(user.ToActor(), "staff.sign-in", AuditOutcome.Succeeded, now, remoteAddress: remote);
                await db.SaveChangesAsync(cancellationToken);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }

            outcome = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password";
        }

        var attempted = Input.UserName.Length > 100 ? Input.UserName[..100] : Input.UserName;
        var actor = user is null ? new Actor(ActorRole.Anonymous, Guid.Empty, attempted) : user.ToActor();
        db.Record(actor, "staff.sign-in", AuditOutcome.Refused, now, details: outcome, remoteAddress: remote);
        await db.SaveChangesAsync(cancellationToken);

        // One message whatever went wrong: never tell which of the user name or password was wrong.
        Failed = true;
        Input.Password = "";
        return Page();
    }

    public sealed class Credentials
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "UserName")]
        [StringLength(32, ErrorMessage = "Validation_TooLong")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        [StringLength(64, ErrorMessage = "Validation_TooLong")]
        public string Password { get; set; } = "";
    }
}
