using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Testing;
using static Rasens.Portal.Tests.Pages.UsageRequest.UsageRequestSteps;

namespace Rasens.Portal.Tests.Pages.UsageRequest;

/// <summary>The request for use's form (Form.cshtml), reached through the simulated card reader (DOMAIN §2): confirm, apply once.</summary>
public sealed partial class FormTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task RequestForUse_WholeJourney_MakesExactlyOnePendingRequest()
    {
        var (client, applicant) = await app.LoggedInApplicantAsync();
        var readPage = await StartReadingAsync(client);
        var reader = ReaderLink().Match(await client.GetStringAsync(readPage, TestContext.Current.CancellationToken)).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.StartsWith("/SimulatedCardReader/", reader, StringComparison.Ordinal);

        using var phone = app.Browser(); // the smartphone: not logged in, holds only the link
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync(reader[..^3] + "xyz", TestContext.Current.CancellationToken)).StatusCode);
        var badPin = await (await phone.PostHandlerAsync(reader, "Pin", new Dictionary<string, string> { ["Pin"] = "12a4" })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"verification.pin\"", badPin, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"simulation-banner\"", badPin, StringComparison.Ordinal);
        var card = await (await phone.PostHandlerAsync(reader, "Pin", new Dictionary<string, string> { ["Pin"] = "1234" })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(applicant.NameEnglish, card, StringComparison.Ordinal);
        var done = await (await phone.PostHandlerAsync(reader, "Read", CardFields(applicant.NameEnglish))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"reader-done\"", done, StringComparison.Ordinal);

        var form = await client.GetAsync(readPage, TestContext.Current.CancellationToken);
        var formPage = form.Headers.Location!.OriginalString;
        Assert.StartsWith("/UsageRequest/Form/", formPage, StringComparison.Ordinal);
        var bad = await (await client.PostHandlerAsync(formPage, "Confirm", Input("AB1234CD", "09011112222"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("href=\"#Input_ResidenceCardNumber\"", bad, StringComparison.Ordinal);
        Assert.Contains("value=\"AB1234CD\"", bad, StringComparison.Ordinal);
        var confirm = await (await client.PostHandlerAsync(formPage, "Confirm", Input("AB12345678CD", "09011112222"))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);

        var applied = await client.PostHandlerAsync(formPage, "Apply", Input("AB12345678CD", "09011112222"));
        // The browser resends the same form (back button, double click): the token comes from the page it still shows.
        var again = await client.PostFormAsync(formPage + "?handler=Apply", Input("AB12345678CD", "09011112222"), formPage: "/MyPage");

        Assert.Equal(applied.Headers.Location, again.Headers.Location);
        var completed = await client.GetStringAsync(applied.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);
        Assert.Matches("data-testid=\"reference-number\">[0-9]{12}<", completed);
        await using var db = app.Database.CreateContext();
        var request = Assert.Single(await db.Applications.Where(a => a.ApplicantId == applicant.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ApplicationStatus.Pending, request.Status);
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "usage-request-received"));
    }

    private static Dictionary<string, string> CardFields(string name) => new()
    {
        ["Card.Name"] = name,
        ["Card.Address"] = "東京都千代田区霞が関１－１－１",
        ["Card.DateOfBirth"] = "1990-05-06",
        ["Card.Sex"] = "Female",
    };

    private static Dictionary<string, string> Input(string card, string phone) => new()
    {
        ["Input.ResidenceCardNumber"] = card,
        ["Input.Phone"] = phone,
    };

    [GeneratedRegex("href=\"http://localhost(/SimulatedCardReader/[^\"]+)\"")]
    private static partial Regex ReaderLink();
}
