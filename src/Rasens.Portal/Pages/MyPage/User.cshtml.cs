namespace Rasens.Portal.Pages.MyPage;

/// <summary>UserDetails (001 §6.2): the applicant's own information, and the ways to change it.</summary>
public sealed class UserModel(UserManager<ApplicantUser> users) : PageModel
{
    public ApplicantUser Applicant { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Changed { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } applicant)
        {
            return Challenge();
        }

        Applicant = applicant;
        return Page();
    }
}
