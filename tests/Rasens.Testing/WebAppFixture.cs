using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Rasens.Testing;

/// <summary>
/// One app in-process over a real database of its own (SQLite file or PostgreSQL), with a clock the
/// test moves and a data folder of its own.
/// </summary>
/// <summary>What a web test needs from its fixture, whichever app and engine.</summary>
public interface IWebApp
{
    TestDatabase Database { get; }

    TestClock Clock { get; }

    /// <summary>The app's data folder (uploads under files/, e-mail pickup under mail/).</summary>
    string DataFolder { get; }

    HttpClient Browser();
}

public abstract class WebAppFixture<TEntryPoint, TDatabase> : WebApplicationFactory<TEntryPoint>, IAsyncLifetime, IWebApp
    where TEntryPoint : class
    where TDatabase : TestDatabase, new()
{
    public TDatabase Database { get; } = new();

    TestDatabase IWebApp.Database => Database;

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "rasens-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>High by default: in-process tests share one "address"; the rate-limit test lowers it.</summary>
    protected virtual int SignInPermitPerMinute => 100_000;

    /// <summary>Configuration a fixture sets on top of the app's own (e.g. a feature switched off for most tests).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        await Database.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Rasens", Database.ConnectionString);
        builder.UseSetting("Rasens:DataFolder", DataFolder);
        builder.UseSetting("Rasens:SeedDemoData", "false");
        builder.UseSetting("Rasens:PortalUrl", "http://localhost");
        builder.UseSetting("RateLimiting:SignInPermitPerMinute", SignInPermitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Small helpers to read the HTML the apps render and post their forms like a browser.</summary>
public static partial class Html
{
    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>GETs the page (or <paramref name="formPage"/> when the form lives elsewhere), then POSTs the fields with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var values = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(url, content);
    }

    /// <summary>
    /// The markup of the element marked data-testid="<paramref name="testId"/>" up to the first closing div, e.g. the
    /// one message a page shows for every kind of failure; throws when the page has no such element.
    /// </summary>
    public static string Block(string html, string testId)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        return start >= 0
            ? html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)]
            : throw new InvalidOperationException($"The page has no data-testid=\"{testId}\".");
    }

    public static string Text(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, " "));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
