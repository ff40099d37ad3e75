using Rasens.Portal.Infrastructure;

namespace Rasens.Portal.Pages.MyPage;

/// <summary>
/// The link from the new address: completes the change, tells the old address and confirms to the new one.
/// Only the account that asked can use it; anyone else gets "not found".
/// </summary>
public sealed class ConfirmEmailModel(ApplicantAccounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public Error? LinkError { get; private set; }

    public string NewEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await accounts.FindEmailChangeAsync(User.ToActor().Id, Token, cancellationToken);
        if (found.Error == ApplicantAccounts.NotYourLink)
        {
            return NotFound();
        }

        LinkError = found.Error;
        NewEmail = found.Value?.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.ConfirmEmailChangeAsync(User.ToActor().Id, Token, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/MyPage/User?Changed=email");
        }

        if (result.Error == ApplicantAccounts.NotYourLink)
        {
            return NotFound();
        }

        LinkError = result.Error;
        return Page();
    }
}
