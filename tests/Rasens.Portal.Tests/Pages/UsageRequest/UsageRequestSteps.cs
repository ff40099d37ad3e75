using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.UsageRequest;

/// <summary>Steps the request-for-use pages' tests share.</summary>
public static class UsageRequestSteps
{
    /// <summary>Agree on the procedure, Proceed to Next on "About…": returns the waiting page's address.</summary>
    public static async Task<string> StartReadingAsync(HttpClient client)
    {
        var agreed = await client.PostFormAsync("/Procedures/usage-request-residence", new Dictionary<string, string>());
        Assert.Equal("/UsageRequest/ResidenceApplications/About", agreed.Headers.Location?.OriginalString);
        var proceeded = await client.PostFormAsync(agreed.Headers.Location!.OriginalString, new Dictionary<string, string>());
        return proceeded.Headers.Location!.OriginalString;
    }
}
