using Rasens.Web.Accounts;

namespace Rasens.Portal.Pages.Account;

/// <summary>Applicant login by User ID and password (001 §3.2); five failures lock for 24 hours; every attempt audited.</summary>
[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn<ApplicantUser> signIn) : SignInPageModel<ApplicantUser>(signIn)
{
    /// <summary>"timeout" after an automatic logout, "reset" after a new password was set.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    protected override string AuditAction => "applicant.login";

    protected override string Home => "/MyPage";
}
