using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>Changing the telephone number, postal code and address (001 §6.5): input, confirmation, e-mail.</summary>
public sealed class ChangeInfoModel(UserManager<ApplicantUser> users, ApplicantAccounts accounts) : PageModel
{
    [BindProperty]
    public InfoInput Input { get; set; } = new();

    public bool Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        Input = new InfoInput { Phone = user.PhoneNumber ?? "", PostalCode = user.PostalCode, Address = user.Address };
        return Page();
    }

    public IActionResult OnPostConfirm()
    {
        Confirming = ModelState.IsValid;
        return Page();
    }

    public IActionResult OnPostBack()
    {
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // What changed, and the e-mail listing it in the applicant's own language, are the account's business.
        var changed = await accounts.ChangeContactDetailsAsync(
            User.ToActor().Id, new ContactDetails(Input.Phone, Input.PostalCode, Input.Address), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (!changed.Succeeded)
        {
            // The signed-in account always exists and its details were checked above: nothing the applicant can fix.
            throw new InvalidOperationException($"The account's information could not be changed: {changed.Error}");
        }

        return Redirect("/MyPage/User?Changed=info");
    }

    public sealed class InfoInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [PhoneDigits]
        [Display(Name = "Phone")]
        public string Phone { get; set; } = "";

        [PostalCode]
        [Display(Name = "PostalCode")]
        public string? PostalCode { get; set; }

        [FullWidthAddress]
        [Display(Name = "AddressInJapan")]
        public string? Address { get; set; }
    }
}
