using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Rasens.Data.Hosting;

/// <summary>
/// Signs a user out after a fixed time without activity (Portal: 3 hours, 001 §3.6), decided on the server
/// by the injected clock. Page requests count as activity; background requests (the SignalR hub, status
/// polling marked with <see cref="BackgroundHeader"/>) do not, so an open tab alone never keeps a session alive.
/// </summary>
public static class IdleSession
{
    public const string BackgroundHeader = "X-Rasens-Background";
    private const string LastActivityKey = "rasens:last-activity";
    private const string ExpiresItem = "rasens:session-expires";

    /// <summary>When the current request's session ends if nothing else happens.</summary>
    public static DateTimeOffset? ExpiresAt(HttpContext context) => context.Items[ExpiresItem] as DateTimeOffset?;

    /// <summary>
    /// Seconds left before the session ends, for the warning dialog. Relative on purpose: the browser's
    /// clock may be wrong, so it must count from its own "now", never compare with the server's time.
    /// </summary>
    public static int? SecondsLeft(HttpContext context) =>
        ExpiresAt(context) is { } expires
            ? (int)Math.Max(0, (expires - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds)
            : null;

    public static void Configure(CookieAuthenticationOptions options, TimeSpan idle)
    {
        options.ExpireTimeSpan = idle;
        options.SlidingExpiration = false; // renewed below, by our rule
        options.Events.OnSigningIn = context =>
        {
            var now = Clock(context.HttpContext).GetUtcNow();
            context.Properties.Items[LastActivityKey] = now.ToString("O", CultureInfo.InvariantCulture);
            context.Properties.ExpiresUtc = now + idle;
            context.HttpContext.Items[ExpiresItem] = now + idle;
            return Task.CompletedTask;
        };
        // Identity's security stamp check (a changed password or role ends other sessions) runs after ours: it is
        // what AddIdentityCookies installed here, and replacing it would keep a changed account's old rights alive.
        var identityCheck = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = Clock(context.HttpContext).GetUtcNow();
            var last = context.Properties.Items.TryGetValue(LastActivityKey, out var text)
                       && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : context.Properties.IssuedUtc ?? now;
            if (now - last >= idle)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            // Before the renewal below moves IssuedUtc, which the security stamp check measures its interval from.
            await identityCheck(context);
            if (context.Principal is null)
            {
                return;
            }

            var background = context.HttpContext.Request.Headers.ContainsKey(BackgroundHeader)
                             || context.HttpContext.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
            if (!background && now - last >= TimeSpan.FromSeconds(30))
            {
                last = now;
                context.Properties.Items[LastActivityKey] = now.ToString("O", CultureInfo.InvariantCulture);
                context.Properties.IssuedUtc = now;
                context.Properties.ExpiresUtc = now + idle;
                context.ShouldRenew = true;
            }

            context.HttpContext.Items[ExpiresItem] = last + idle;
        };
    }

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>();
}
