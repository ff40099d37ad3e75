namespace Rasens.Portal.Infrastructure;

/// <summary>
/// Re-authentication before changing the e-mail address or password: the current password, counted
/// towards the same lockout as login (five failures lock the account, and the session ends).
/// </summary>
public static class Reauthentication
{
    public enum Outcome
    {
        WrongPassword = 1,
        LockedOut = 2,
    }

    /// <summary>Null when the password is right; otherwise what went wrong.</summary>
    public static async Task<Outcome?> CheckAsync(SignInManager<ApplicantUser> signIn, ApplicantUser user, string password)
    {
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? null : result.IsLockedOut ? Outcome.LockedOut : Outcome.WrongPassword;
    }

    public static async Task<IActionResult> LockedOutAsync(SignInManager<ApplicantUser> signIn)
    {
        await signIn.SignOutAsync();
        return new RedirectResult("/Account/Login");
    }
}
