using Rasens.Web;
using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench;

/// <summary>The staff app: examiners, supervisors and administrators (DOMAIN §1).</summary>
public static class WorkbenchApp
{
    public const string CookieName = "Rasens.Workbench";

    /// <summary>The name authenticator apps list the Workbench's codes under (not translated: it is stored in the app).</summary>
    public const string AuthenticatorIssuer = "Rasens Workbench";

    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRasensData(builder.Configuration, "Rasens.Workbench");
        var options = builder.Configuration.GetSection("Workbench").Get<WorkbenchOptions>() ?? new WorkbenchOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Pages.Queues.QueueChoices>();
        var idle = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
        builder.Services.AddAccounts<StaffUser, StaffUserClaim, StaffUserLogin, StaffUserToken>(
            CookieName, "/Account/SignIn", "/Account/Denied", idle, SameSiteMode.Strict);
        // Every page needs a signed-in member of staff unless it says otherwise.
        builder.Services.AddSignInRateLimit(builder.Configuration.GetValue("RateLimiting:SignInPermitPerMinute", 10), context => context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()["TooManyAttempts"]);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // Queues and cases are examiners' and supervisors' work; administrators keep the catalogue.
            .AddPolicy(StaffIdentity.CaseWorkPolicy, policy => policy.RequireRole(nameof(StaffRole.Examiner), nameof(StaffRole.Supervisor)));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorization>();

        builder.AddRasensShell<SharedResource>(Cultures, pages =>
        {
            pages.AuthorizeFolder("/Queues", StaffIdentity.CaseWorkPolicy);
            pages.AuthorizeFolder("/Cases", StaffIdentity.CaseWorkPolicy);
        });

        var app = builder.Build().UseRasensPipeline();
        // A connection lives no longer than the sign-in it was opened with: the client reconnects (and replays) on a current one.
        app.MapHub<Hubs.WorkbenchHub>("/hubs/workbench", options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
