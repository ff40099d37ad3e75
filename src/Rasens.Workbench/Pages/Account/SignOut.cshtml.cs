namespace Rasens.Workbench.Pages.Account;

/// <summary>Sign-out is a POST (GET only asks), audited.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, RasensDbContext db, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            db.Record(user.ToActor(), "staff.sign-out", AuditOutcome.Succeeded, clock.GetUtcNow().UtcDateTime,
                remoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
