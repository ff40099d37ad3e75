namespace Rasens.Portal.Infrastructure;

/// <summary>The four colour schemes of the manuals (003 §1.5), remembered in a cookie.</summary>
public static class ColourScheme
{
    public const string CookieName = "Rasens.Scheme";

    public static readonly string[] All = ["standard", "blue", "yellow", "black"];

    public static string Current(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && All.Contains(value, StringComparer.Ordinal) ? value : "standard";
}
