using System.Globalization;
using Microsoft.Extensions.Localization;
using Rasens.Data.Accounts;
using Rasens.Data.Hosting;
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
        builder.Services.AddRasensData(builder.Configuration, "Rasens.Portal");
        // 001 §3.6: automatic logout after 3 hours without activity.
        builder.Services.AddAccounts<ApplicantUser, ApplicantUserClaim, ApplicantUserLogin, ApplicantUserToken>(
            CookieName, "/Account/Login", "/Account/Login", TimeSpan.FromHours(3), SameSiteMode.Lax);
        builder.Services.AddAuthorization();
        builder.Services.AddSignInRateLimit(
            builder.Configuration.GetValue("RateLimiting:SignInPermitPerMinute", 10),
            context => context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["TooManyAttempts"]);
        builder.Services.AddSingleton<IIdentityVerifier, SimulatedCardReader>();
        builder.Services.AddScoped<PasswordFeedback>();
        builder.Services.AddScoped<AttachmentEntry>();
        builder.Services.AddSingleton<TermsAgreement>();
        builder.Services.AddHostedService<Jobs.DraftAttachmentCleanup>();

        builder.AddRasensShell<SharedResource>(Cultures, pages =>
        {
            pages.AuthorizeFolder("/MyPage");
            pages.AuthorizeFolder("/UsageRequest");
            pages.AuthorizeFolder("/Applications");
        });

        var app = builder.Build().UseRasensPipeline();
        // A connection lives no longer than the sign-in it was opened with: the client reconnects (and replays) on a current one.
        app.MapHub<PortalHub>("/hubs/portal", options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
