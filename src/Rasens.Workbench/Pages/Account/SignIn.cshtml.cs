using Rasens.Web.Accounts;

namespace Rasens.Workbench.Pages.Account;

/// <summary>
/// Staff sign-in: user name and password, five failures lock the account, every attempt audited. With
/// Workbench:RequireTwoFactor (the default) a correct password leads on to the authenticator code, or to setting
/// one up, instead of signing in.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(PasswordSignIn<StaffUser> signIn, WorkbenchOptions options) : SignInPageModel<StaffUser>(signIn)
{
    protected override string AuditAction => "staff.sign-in";

    protected override string Home => "/";

    protected override bool RequireSecondFactor => options.RequireTwoFactor;

    protected override IActionResult SecondFactor(SignInStep step) => step switch
    {
        SignInStep.CodeRequired => RedirectToPage("/Account/EnterCode", new { ReturnUrl }),
        SignInStep.EnrolmentRequired => RedirectToPage("/Account/SetUpAuthenticator", new { ReturnUrl }),
        SignInStep.SignedIn or SignInStep.Refused => base.SecondFactor(step),
    };
}
