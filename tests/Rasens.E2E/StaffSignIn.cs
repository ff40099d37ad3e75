using Microsoft.Playwright;
using Rasens.Testing;

namespace Rasens.E2E;

/// <summary>Staff sign-in as a person does it with an authenticator app at hand: password, then the code it shows.</summary>
public static class StaffSignIn
{
    private static readonly Dictionary<string, long> LastStep = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// The code for <paramref name="base32Key"/> now. The Workbench accepts each 30-second step once per user, so when
    /// this key's current step has been handed out already, this waits for the next one (at most 30 s).
    /// </summary>
    public static async Task<string> FreshCodeAsync(string base32Key)
    {
        await Gate.WaitAsync();
        try
        {
            while (true)
            {
                var now = DateTimeOffset.UtcNow;
                var step = Totp.Step(now);
                if (!LastStep.TryGetValue(base32Key, out var last) || step > last)
                {
                    LastStep[base32Key] = step;
                    return Totp.Code(base32Key, now);
                }

                await Task.Delay(TimeSpan.FromSeconds(((last + 1) * 30) - now.ToUnixTimeSeconds()) + TimeSpan.FromMilliseconds(200));
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Signs a member of staff with an authenticator in and waits for the signed-in page.</summary>
    public static async Task SignInStaffAsync(this IPage page, string baseUrl, string userName, string password, string base32Key)
    {
        await page.GotoAsync(baseUrl + "/Account/SignIn");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Account/EnterCode**");
        await page.FillAsync("#Input_Code", await FreshCodeAsync(base32Key));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
    }
}
