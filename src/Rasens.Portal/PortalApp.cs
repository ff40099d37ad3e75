using Rasens.Data.Jobs;
using Rasens.Portal.Hubs;
using Rasens.Portal.Infrastructure;
using Rasens.Web;

namespace Rasens.Portal;

/// <summary>The applicants' app (DOMAIN §1–2): eight languages, own accounts, own cookie.</summary>
public static class PortalApp
{
    public const string CookieName = "Rasens.Portal";

    /// <summary>The eight languages of the manuals, in the order of their language menu.</summary>
    public static readonly CultureInfo[] Cultures =
    [
        new("ja"), new("en"), new("zh-Hans"), new("zh-Hant"), new("ko"), new("es"), new("vi"), new("tl"),
    ];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRasensData(builder.Configuration, "Rasens.Portal",
            (jobs, settings) => jobs.Every<Jobs.DraftAttachmentCleanupJob>(settings, TimeSpan.FromHours(1)));
        // 001 §3.6: automatic logout after 3 hours without activity.
        builder.Services.AddAccounts<ApplicantUser, ApplicantUserClaim, ApplicantUserLogin, ApplicantUserToken>(
            CookieName, "/Account/Login", "/Account/Login", TimeSpan.FromHours(3), SameSiteMode.Lax);
        builder.Services.AddApplicantAccounts();
        // Every page needs a logged-in applicant unless it says otherwise ([AllowAnonymous]: the top page, procedures,
        // notices, the account forms, the phone's card reader…); tests/Rasens.Portal.Tests/PortalAppTests checks each page.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSignInRateLimit(
            builder.Configuration.GetValue("RateLimiting:SignInPermitPerMinute", 10),
            context => context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["TooManyAttempts"]);
        builder.Services.AddSingleton<IIdentityVerifier, SimulatedCardReader>();
        builder.Services.AddScoped<PasswordFeedback>();
        builder.Services.AddScoped<AttachmentEntry>();
        builder.Services.AddSingleton<TermsAgreement>();

        builder.AddRasensShell<SharedResource>(Cultures);

        var app = builder.Build().UseRasensPipeline();
        // A connection lives no longer than the sign-in it was opened with: the client reconnects (and replays) on a current one.
        app.MapHub<PortalHub>("/hubs/portal", options => options.CloseOnAuthenticationExpiration = true);
        // An address that is no page is not found, for anyone: without an endpoint the fallback policy would send a
        // signed-out visitor with a broken link to the login page. Files too ({*path}, not the default non-file pattern).
        app.MapFallback("{*path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}
