using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rasens.Data.Events;
using Rasens.Data.Hosting;

namespace Rasens.Web;

/// <summary>
/// The web shell both apps serve alike (this project): the Error and Language pages, the error summary partial, the
/// shared scripts under <c>/_content/Rasens.Web/</c> (SignalR's client and the live connection), the security headers
/// and the middleware in their order. Each app brings its own texts, languages and pages.
/// </summary>
public static class RasensShell
{
    /// <summary>
    /// Razor Pages with the shell's pages, localized from <typeparamref name="TResource"/> (the app's
    /// <c>Resources/SharedResource.*.resx</c>) in <paramref name="cultures"/>, the live pages' event mark, and SignalR.
    /// </summary>
    public static WebApplicationBuilder AddRasensShell<TResource>(
        this WebApplicationBuilder builder, IReadOnlyList<CultureInfo> cultures, Action<PageConventionCollection>? conventions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The shell's files are found through the build's static web assets manifest, which the host reads by itself
        // only in Development. ./run.sh and the end-to-end tests run the build output in Production, so it is read in
        // every environment; a published app has the files copied under wwwroot/_content and no manifest, and then
        // this does nothing.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddTransient<IShellLocalizer, ShellLocalizer<TResource>>();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages(options => conventions?.Invoke(options.Conventions))
            .AddMvcOptions(options => options.Filters.Add<LiveSinceFilter>())
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(TResource)));
        builder.Services.AddCultures(cultures);
        builder.Services.AddSignalR();
        return builder;
    }

    /// <summary>The middleware both apps run, in order, and their endpoints.</summary>
    public static WebApplication UseRasensPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSecurityHeaders();
        // Before authentication: style sheets and scripts (the shell's too) are anonymous.
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
