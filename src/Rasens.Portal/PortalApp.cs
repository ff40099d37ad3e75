using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Rasens.Data;
using Rasens.Data.Accounts;
using Rasens.Data.Hosting;
using Rasens.Portal.Infrastructure;

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

        builder.Services
            .AddIdentityCore<ApplicantUser>(options =>
            {
                // 001 §3.2: five consecutive wrong passwords lock the account for 24 hours.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromHours(24);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddUserStore<UserOnlyStore<ApplicantUser, RasensDbContext, Guid, ApplicantUserClaim, ApplicantUserLogin, ApplicantUserToken>>()
            .AddUserManager<ClockedUserManager<ApplicantUser>>()
            .AddClaimsPrincipalFactory<ApplicantClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
            cookies.ApplicationCookie?.Configure(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/Account/Login";
                // 001 §3.6: automatic sign-out after 3 hours without activity.
                options.ExpireTimeSpan = TimeSpan.FromHours(3);
                options.SlidingExpiration = true;
            }));
        builder.Services.AddAuthorization();

        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/MyPage");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("ja");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
        });

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        app.MapRazorPages();
        return app;
    }
}
