namespace Rasens.Portal.Pages.MyPage;

/// <summary>Favorite Procedures List (001 §6.6): open a procedure, or remove it.</summary>
public sealed class FavouritesModel(Favourites favourites, UserManager<ApplicantUser> users) : PageModel
{
    public IReadOnlyList<Procedure> Procedures { get; private set; } = [];

    public static string Culture => CultureInfo.CurrentUICulture.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Procedures = await favourites.ListAsync(Guid.Parse(users.GetUserId(User)!), cancellationToken);
}
