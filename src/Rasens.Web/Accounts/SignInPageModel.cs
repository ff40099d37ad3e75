using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rasens.Data.Accounts;
using Rasens.Data.Hosting;

namespace Rasens.Web.Accounts;

/// <summary>
/// The sign-in page both apps have (001 §3.2): it binds the name and password, asks <see cref="PasswordSignIn{TUser}"/>
/// (lockout, audit), and on any refusal shows one message whatever went wrong, with the password emptied. The app's
/// page says what it audits the attempt as and where a correct password leads. Every sign-in page takes a limited
/// number of POSTs a minute from one address (<see cref="RasensWeb.SignInRateLimit"/>).
/// </summary>
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public abstract class SignInPageModel<TUser>(PasswordSignIn<TUser> signIn) : PageModel
    where TUser : IdentityUser<Guid>, ISignInAccount
{
    [BindProperty]
    public SignInCredentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    /// <summary>The audit journal's name for an attempt (e.g. "applicant.login").</summary>
    protected abstract string AuditAction { get; }

    /// <summary>Where a signed-in user goes when no page of this site asked for the sign-in.</summary>
    protected abstract string Home { get; }

    /// <summary>True when a correct password leads on to an authenticator code instead of signing in.</summary>
    protected virtual bool RequireSecondFactor => false;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var step = await signIn.AttemptAsync(Input.UserName, Input.Password, AuditAction, HttpContext.Connection.RemoteIpAddress?.ToString(),
            RequireSecondFactor, cancellationToken);
        if (step == SignInStep.Refused)
        {
            // The same message whatever went wrong: never say which of the two fields was wrong.
            Failed = true;
            Input.Password = "";
            return Page();
        }

        return step == SignInStep.SignedIn ? LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Home) : SecondFactor(step);
    }

    /// <summary>Where a correct password leads when <see cref="RequireSecondFactor"/> holds: the code, or setting up an authenticator.</summary>
    protected virtual IActionResult SecondFactor(SignInStep step) =>
        throw new InvalidOperationException($"{step}: this app signs in with the password alone.");
}

/// <summary>
/// What a sign-in form posts: the account's user name (the Portal calls it the User ID) and its password. The name's
/// label in messages is each app's <c>SignInName</c> text.
/// </summary>
public sealed class SignInCredentials
{
    [Required(ErrorMessage = "Validation_Required")]
    [Display(Name = "SignInName")]
    [StringLength(32, ErrorMessage = "Validation_TooLong")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Validation_Required")]
    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    [StringLength(64, ErrorMessage = "Validation_TooLong")]
    public string Password { get; set; } = "";
}
