using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Rasens.Data.Accounts;

namespace Rasens.Data.Hosting;

/// <summary>
/// The account plumbing both apps share: their own account store and cookie, the sign-in rate limit, the cultures.
/// The pipeline, pages and scripts they show alike are the web shell's (Rasens.Web).
/// </summary>
public static class RasensWeb
{
    /// <summary>
    /// Identity for one kind of account, in its own tables and under its own cookie: lockout after five
    /// failures for 24 hours (by the injected clock), a session that slides with activity.
    /// </summary>
    public static IServiceCollection AddAccounts<TUser, TClaim, TLogin, TToken>(
        this IServiceCollection services, string cookieName, string loginPath, string deniedPath, TimeSpan idleTimeout, SameSiteMode sameSite)
        where TUser : IdentityUser<Guid>, ISignInAccount
        where TClaim : IdentityUserClaim<Guid>, new()
        where TLogin : IdentityUserLogin<Guid>, new()
        where TToken : IdentityUserToken<Guid>, new()
    {
        services
            .AddIdentityCore<TUser>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromHours(24);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                // The rule is PasswordPolicy (below); Identity's own defaults are switched off so there is one rule.
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddPasswordValidator<PolicyPasswordValidator<TUser>>()
            .AddUserStore<UserOnlyStore<TUser, RasensDbContext, Guid, TClaim, TLogin, TToken>>()
            .AddUserManager<ClockedUserManager<TUser>>()
            .AddClaimsPrincipalFactory<AccountClaimsPrincipalFactory<TUser>>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<PasswordSignIn<TUser>>();
        services.AddScoped<TwoFactorSignIn<TUser>>();
        // How soon a session notices its account changed (password, role): checked against the database on a request
        // more than 20 s after the cookie was last issued. Shorter than IdleSession's 30 s renewal step on purpose:
        // every renewal re-issues the cookie, so a longer interval would never elapse for someone working steadily.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(20);
            o.TimeProvider = clock;
        });
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(options =>
            {
                options.Cookie.Name = cookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = sameSite;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = loginPath;
                options.AccessDeniedPath = deniedPath;
                IdleSession.Configure(options, idleTimeout);
            });
            // The half-signed-in state between password and authenticator code (see TwoFactorSignIn): named after
            // the app (both apps share a host name, and cookies ignore ports), never renewed, gone after 5 minutes.
            cookies.TwoFactorUserIdCookie?.Configure(options =>
            {
                options.Cookie.Name = cookieName + ".TwoFactor";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = sameSite;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = Authenticator.PendingLifetime;
                options.SlidingExpiration = false;
            });
        });
        // The cookie handlers read the same clock as everything else (tests move it).
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        }

        return services;
    }

    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// Sign-in and the other account forms that take a secret or send an e-mail accept a limited number of
    /// POSTs per minute from one address; more get HTTP 429 with a Retry-After header, never a 503.
    /// </summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, int permitPerMinute, Func<HttpContext, string> rejectionText) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(rejectionText(context.HttpContext), cancellationToken);
            };
            options.AddPolicy(SignInRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("read"));
        });

    /// <summary>
    /// Request localization limited to <paramref name="cultures"/>, Japanese by default, and translated
    /// messages for the field-format attributes too.
    /// </summary>
    public static IServiceCollection AddCultures(this IServiceCollection services, IReadOnlyList<CultureInfo> cultures)
    {
        services.AddSingleton<Microsoft.AspNetCore.Mvc.DataAnnotations.IValidationAttributeAdapterProvider, RasensValidationAttributeAdapterProvider>();
        return services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("ja");
            options.SupportedCultures = [.. cultures];
            options.SupportedUICultures = [.. cultures];
        });
    }
}
