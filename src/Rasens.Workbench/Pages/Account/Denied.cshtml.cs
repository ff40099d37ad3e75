namespace Rasens.Workbench.Pages.Account;

public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
