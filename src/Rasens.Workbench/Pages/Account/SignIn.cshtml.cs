using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rasens.Data.Hosting;
using Rasens.Data.Accounts;

namespace Rasens.Workbench.Pages.Account;

/// <summary>
/// Staff sign-in: user name and password, five failures lock the account, every attempt audited. With
/// Workbench:RequireTwoFactor (the default) a correct password leads on to the authenticator code, or to setting
/// one up, instead of signing in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class SignInModel(PasswordSignIn<StaffUser> signIn, WorkbenchOptions options) : PageModel
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

        var step = await signIn.AttemptAsync(Input.UserName, Input.Password, "staff.sign-in", HttpContext.Connection.RemoteIpAddress?.ToString(),
            options.RequireTwoFactor, cancellationToken);
        return step switch
        {
            SignInStep.SignedIn => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/"),
            SignInStep.CodeRequired => RedirectToPage("/Account/EnterCode", new { ReturnUrl }),
            SignInStep.EnrolmentRequired => RedirectToPage("/Account/SetUpAuthenticator", new { ReturnUrl }),
            SignInStep.Refused => Refused(),
        };
    }

    private PageResult Refused()
    {
        // The same message whatever went wrong: never say which of the two fields was wrong.
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
