using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Pages.UsageRequest;

/// <summary>Request for use through the simulated card reader (DOMAIN §2), and the gate it opens.</summary>
public sealed partial class UsageRequestTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    [Fact]
    public async Task RequestForUse_WholeJourney_MakesExactlyOnePendingRequest()
    {
        var (client, applicant) = await LoggedInAsync();
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

    [Fact]
    public async Task RequestForUse_SomeoneElsesReadingOrRequest_IsNotFound()
    {
        var (owner, _) = await LoggedInAsync();
        var readPage = await StartReadingAsync(owner);
        var (stranger, _) = await LoggedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage + "?handler=State", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(readPage.Replace("/Read/", "/Form/", StringComparison.Ordinal), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Reading_NotDoneInTenMinutes_TheWaitingPageSaysTimeRanOut()
    {
        var (client, _) = await LoggedInAsync();
        var readPage = await StartReadingAsync(client);

        app.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Contains("\"state\":\"Expired\"", await client.GetStringAsync(readPage + "?handler=State", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var html = await client.GetStringAsync(readPage, TestContext.Current.CancellationToken);
        Assert.Contains("id=\"wait-active\" hidden", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Procedures_NeedingUsage_AreRefusedUntilApproved_AndTheUsageRequestCannotBeRepeated()
    {
        var (client, applicant) = await LoggedInAsync();

        var extension = await client.GetStringAsync("/Procedures/extension-of-stay", TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.required\"", extension, StringComparison.Ordinal);
        Assert.Contains("href=\"/Procedures/usage-request-residence\"", extension, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"agree\"", extension, StringComparison.Ordinal);

        var examiner = A.Staff().Build();
        await app.Database.SeedAsync(examiner);
        var request = A.Case(applicant).Notification().ForProcedure(Rasens.Data.Procedures.ProcedureKind.UsageRequestResidence).Build();
        await app.Database.SeedAsync(request);

        var pending = await client.GetStringAsync("/Procedures/usage-request-residence", TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.pending\"", pending, StringComparison.Ordinal);
        var refusedPost = await (await client.PostFormAsync("/UsageRequest/ResidenceApplications/About", new Dictionary<string, string>())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-code=\"usage.pending\"", refusedPost, StringComparison.Ordinal);

        await using (var db = app.Database.CreateContext())
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == request.Id, TestContext.Current.CancellationToken);
            Assert.True(stored.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            Assert.True(stored.Receive(examiner.ToActor(), null, DateTime.UtcNow).Succeeded);
            Assert.True(stored.Register(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var approved = await client.GetStringAsync("/Procedures/extension-of-stay", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("data-code=\"usage.required\"", approved, StringComparison.Ordinal);
        Assert.Contains("data-code=\"usage.required\"", await client.GetStringAsync("/Procedures/institution-or-spouse-notification", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, ApplicantUser Applicant)> LoggedInAsync()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(applicant.UserName!)).StatusCode);
        return (client, applicant);
    }

    /// <summary>Agree on the procedure, Proceed to Next on "About…": returns the waiting page's address.</summary>
    private static async Task<string> StartReadingAsync(HttpClient client)
    {
        var agreed = await client.PostFormAsync("/Procedures/usage-request-residence", new Dictionary<string, string>());
        Assert.Equal("/UsageRequest/ResidenceApplications/About", agreed.Headers.Location?.OriginalString);
        var proceeded = await client.PostFormAsync(agreed.Headers.Location!.OriginalString, new Dictionary<string, string>());
        return proceeded.Headers.Location!.OriginalString;
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
