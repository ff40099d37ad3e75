using Microsoft.AspNetCore.DataProtection;
using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.Account.Register;

/// <summary>
/// UserRegister → UserRegister confirmation → User ID (001 §2.2 steps 6–9), reached only through a
/// usable registration link. Return to Input gives back everything typed, the password included (carried
/// encrypted, never in clear, through the confirmation page). The link is consumed with the account, so
/// registering twice with one link is impossible.
/// </summary>
[AllowAnonymous]
public sealed class FormModel(
    EmailLinks links,
    ApplicantAccounts accounts,
    PasswordFeedback passwords,
    IDataProtectionProvider protection,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public const string NewUserIdKey = "registration-user-id";

    public enum Step
    {
        Input,
        Confirm,
        LinkError,
    }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    /// <summary>The password on its way through the confirmation page, encrypted and valid 30 minutes.</summary>
    [BindProperty]
    public string? ProtectedPassword { get; set; }

    public Step Mode { get; private set; } = Step.Input;

    public string Email { get; private set; } = "";

    public Error? LinkError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadLinkAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (await LoadLinkAsync(cancellationToken) is null)
        {
            return Page();
        }

        if (!Validate())
        {
            return Page();
        }

        ProtectedPassword = Protector.Protect(Input.Password!, TimeSpan.FromMinutes(30));
        Mode = Step.Confirm;
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken)
    {
        if (await LoadLinkAsync(cancellationToken) is null)
        {
            return Page();
        }

        ModelState.Clear();
        Input.Password = Input.ConfirmPassword = Unprotect();
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (await LoadLinkAsync(cancellationToken) is null)
        {
            return Page();
        }

        Input.Password = Input.ConfirmPassword = Unprotect();
        if (!Validate())
        {
            return Page();
        }

        var account = new NewAccount(Input.UserType!.Value, Input.NameEnglish, Input.Phone, Input.OrganizationName, Input.Password!);
        var registered = await accounts.RegisterAsync(Token, account, CultureInfo.CurrentUICulture.Name, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (registered.Value is { } user)
        {
            TempData[NewUserIdKey] = user.UserName;
            return RedirectToPage("/Account/Register/Completed");
        }

        var error = registered.Error!;
        if (error.Code.StartsWith("link.", StringComparison.Ordinal))
        {
            LinkError = error;
            Mode = Step.LinkError;
        }
        else if (error == ApplicantAccounts.OrganizationRequired)
        {
            ModelState.AddModelError("Input.OrganizationName", text["Validation_Required", text["OrganizationName"]]);
        }
        else
        {
            passwords.Add(ModelState, error, "Input.Password");
        }

        return Page();
    }

    public static bool NeedsOrganization(ApplicantUserType? type) => type?.NeedsOrganization() == true;

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Rasens.Portal.Registration.Password").ToTimeLimitedDataProtector();

    private async Task<EmailLink?> LoadLinkAsync(CancellationToken cancellationToken)
    {
        var found = await links.FindUsableAsync(Token, EmailLinkPurpose.Registration, cancellationToken);
        if (!found.Succeeded)
        {
            LinkError = found.Error;
            Mode = Step.LinkError;
            return null;
        }

        Email = found.Value!.Email;
        return found.Value;
    }

    /// <summary>The form's own rules on top of the attributes: organisation when the user type needs one, the password policy.</summary>
    private bool Validate()
    {
        if (NeedsOrganization(Input.UserType) && string.IsNullOrWhiteSpace(Input.OrganizationName))
        {
            ModelState.AddModelError("Input.OrganizationName", text["Validation_Required", text["OrganizationName"]]);
        }

        passwords.Check(ModelState, Input.Password, Input.ConfirmPassword, "Input.Password", "Input.ConfirmPassword");
        return ModelState.IsValid;
    }

    private string? Unprotect()
    {
        try
        {
            return ProtectedPassword is null ? null : Protector.Unprotect(ProtectedPassword);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or altered: the policy check asks for the password again
        }
    }

    public sealed class RegistrationInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "UserType")]
        public ApplicantUserType? UserType { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [NameEnglish]
        [Display(Name = "NameEnglish")]
        public string NameEnglish { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [PhoneDigits]
        [Display(Name = "Phone")]
        public string Phone { get; set; } = "";

        [StringLength(100, ErrorMessage = "Validation_TooLong")]
        [Display(Name = "OrganizationName")]
        public string? OrganizationName { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
