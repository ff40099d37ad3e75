using System.Net;
using System.Text.RegularExpressions;
using Rasens.Data.Accounts;
using Rasens.Testing;

namespace Rasens.Workbench.Tests;

/// <summary>What a member of staff does in a browser, as steps the tests share.</summary>
public static partial class WorkbenchSteps
{
    public const string Password = "Staff-Pass-2026";

    /// <summary>A new member of staff with <paramref name="role"/>, signed in.</summary>
    public static async Task<(HttpClient Client, StaffUser Staff)> SignedInAsync(this IWebApp app, StaffRole role = StaffRole.Examiner)
    {
        var staff = A.Staff(role).Build();
        await app.Database.SeedAsync(staff);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PasswordAsync(staff.UserName!)).StatusCode);
        return (client, staff);
    }

    /// <summary>The sign-in page's first step: user name and password.</summary>
    public static Task<HttpResponseMessage> PasswordAsync(this HttpClient client, string userName, string password = Password) =>
        client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    /// <summary>Posts a handler of the case page with the version shown on it.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, long caseId, string handler, IDictionary<string, string>? fields = null, int? version = null)
    {
        var page = await client.GetStringAsync($"/Cases/{caseId}");
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["Version"] = (version ?? VersionOn(page)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync($"/Cases/{caseId}?handler={handler}", content);
    }

    public static int VersionOn(string casePage) =>
        VersionPattern().Match(casePage) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("No version on the case page.");

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionPattern();
}
