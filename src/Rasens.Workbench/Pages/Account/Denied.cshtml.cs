using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rasens.Workbench.Pages.Account;

public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
