using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Audit;
using Rasens.Data.Forms;
using Rasens.Data.Messaging;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>Changing the telephone number, postal code and address (001 §6.5): input, confirmation, e-mail.</summary>
public sealed class ChangeInfoModel(UserManager<ApplicantUser> users, Mailer mailer, RasensDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
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

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var changes = new List<string>();
        if (!string.Equals(user.PhoneNumber, Input.Phone, StringComparison.Ordinal))
        {
            changes.Add($"{text["Phone"]}: {Input.Phone}");
        }

        if (!string.Equals(user.PostalCode, Input.PostalCode, StringComparison.Ordinal))
        {
            changes.Add($"{text["PostalCode"]}: {Input.PostalCode}");
        }

        if (!string.Equals(user.Address, Input.Address, StringComparison.Ordinal))
        {
            changes.Add($"{text["AddressInJapan"]}: {Input.Address}");
        }

        if (changes.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            user.PhoneNumber = Input.Phone;
            user.PostalCode = string.IsNullOrEmpty(Input.PostalCode) ? null : Input.PostalCode;
            user.Address = string.IsNullOrEmpty(Input.Address) ? null : Input.Address;
            mailer.Queue("user-info-changed", user.Email!, user.PreferredCulture, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["UserId"] = user.UserName!,
                ["Time"] = JapanTime.Format(now),
                ["Changes"] = string.Join("\n", changes),
            });
            db.Record(user.ToActor(), "applicant.info-changed", AuditOutcome.Succeeded, now, details: string.Join("; ", changes));
            await users.UpdateAsync(user); // saves the e-mail and audit entry with the change
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
