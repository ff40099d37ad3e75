using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rasens.Data.Hosting;
using Rasens.Data.Accounts;

namespace Rasens.Portal.Pages.Account;

/// <summary>Applicant login by User ID and password (001 §3.2); five failures lock for 24 hours; every attempt audited.</summary>
[AllowAnonymous]
[EnableRateLimiting(RasensWeb.SignInRateLimit)]
public sealed class LoginModel(PasswordSignIn<ApplicantUser> signIn) : PageModel
{
    [BindProperty]
    public Credentials Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    /// <summary>"timeout" after an automatic logout, "reset" after a new password was set.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.AttemptAsync(Input.UserId, Input.Password, "applicant.login", HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken))
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/MyPage");
        }

        // The same message whatever went wrong: never say which of the two fields was wrong.
        Failed = true;
        Input.Password = "";
        return Page();
    }

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
