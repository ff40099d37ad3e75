using Microsoft.EntityFrameworkCore;
using Rasens.Data.Audit;
using Rasens.Testing;

namespace Rasens.Workbench.Tests.Pages.Account;

/// <summary>The code steps of a staff sign-in as a browser takes them (the password step is <see cref="WorkbenchSteps.PasswordAsync"/>), and what the audit journal says about them.</summary>
internal static class StaffSignInSteps
{
    /// <summary>Posts a code to the code or set-up page; the antiforgery token comes from the sign-in page, which always has one.</summary>
    public static Task<HttpResponseMessage> CodeAsync(this HttpClient client, string page, string code) =>
        client.PostFormAsync(page, new Dictionary<string, string> { ["Input.Code"] = code }, formPage: "/Account/SignIn");

    /// <summary>Where a redirect points, as a local path (the challenge for a signed-in page gives an absolute address).</summary>
    public static string? Target(this HttpResponseMessage response) =>
        response.Headers.Location is { } location ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString : null;

    public static async Task<AuditEntry> LastAuditAsync(this IWebApp app, string action, Guid? actorId = null)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEntries
            .Where(a => a.Action == action && (actorId == null || a.ActorId == actorId))
            .OrderByDescending(a => a.Id)
            .FirstAsync(TestContext.Current.CancellationToken);
    }
}
