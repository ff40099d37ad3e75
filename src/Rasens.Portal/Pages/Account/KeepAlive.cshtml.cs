namespace Rasens.Portal.Pages.Account;

/// <summary>"OK" in the logout warning: this request is activity, so the session runs 3 more hours from now.</summary>
[Authorize]
public sealed class KeepAliveModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost() => new JsonResult(new { secondsLeft = IdleSession.SecondsLeft(HttpContext) });
}
