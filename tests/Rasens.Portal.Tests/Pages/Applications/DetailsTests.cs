using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Testing;
using static Rasens.Portal.Tests.PortalSteps;

namespace Rasens.Portal.Tests.Pages.Applications;

/// <summary>A case's details (Details.cshtml): Print Details, withdrawal and attachment download — only ever the applicant's own.</summary>
public sealed class DetailsTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Extension = "/Procedures/extension-of-stay/Apply";

    [Fact]
    public async Task Details_SomeoneElsesCase_IsNotFoundEverywhere()
    {
        var (client, _, _) = await app.LoggedInWithExaminerAsync();
        var other = A.Applicant().Build();
        await app.Database.SeedAsync(other);
        var theirs = A.Case(other).Build();
        await app.Database.SeedAsync(theirs);

        var file = new Attachment
        {
            Id = Guid.NewGuid(), ApplicationId = theirs.Id, OwnerApplicantId = other.Id, Kind = AttachmentKind.Document, OriginalFileName = "theirs.pdf",
            StoredName = $"{Guid.NewGuid():N}.pdf", ContentType = "application/pdf", Length = 1, Sha256 = new string('0', 64), UploadedAt = DateTime.UtcNow,
        };
        await app.Database.SeedAsync(file);

        foreach (var url in new[]
        {
            $"/Applications/{theirs.Id}", $"/Applications/{theirs.Id}?handler=Print", $"/Applications/{theirs.Id}?handler=Withdraw",
            $"/Applications/{theirs.Id}?handler=Attachment&file={file.Id}", $"/Applications/{theirs.Id}/Modify", $"/Procedures/Completed/{theirs.Id}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/Applications/{theirs.Id}?handler=Withdraw", new Dictionary<string, string>(), formPage: "/Applications")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/Applications/{theirs.Id}/Modify?handler=Resubmit", new Dictionary<string, string>(), formPage: "/Applications")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/Applications/{theirs.Id}/Modify?handler=Attach", new Dictionary<string, string>(), formPage: "/Applications")).StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationStatus.Pending, (await db.Applications.SingleAsync(a => a.Id == theirs.Id, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Withdraw_AskFirstThenWithdraw_RecordsItInTheHistory()
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        var mine = A.Case(me).Build();
        await app.Database.SeedAsync(mine);

        var ask = await client.GetStringAsync($"/Applications/{mine.Id}?handler=Withdraw", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"withdraw-confirm\"", ask, StringComparison.Ordinal);
        await using (var before = app.Database.CreateContext())
        {
            Assert.Equal(ApplicationStatus.Pending, (await before.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken)).Status);
        }

        var done = await client.PostFormAsync($"/Applications/{mine.Id}?handler=Withdraw", new Dictionary<string, string>(), formPage: $"/Applications/{mine.Id}?handler=Withdraw");

        Assert.Equal($"/Applications/{mine.Id}?withdrawn=1", done.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var stored = await db.Applications.Include(a => a.History).SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken);
        Assert.Equal(ApplicationStatus.Withdrawn, stored.Status);
        Assert.Equal((CaseAction.Withdraw, me.Id), (stored.History.OrderBy(h => h.Id).Last().Action, stored.History.OrderBy(h => h.Id).Last().ActorId));
    }

    [Fact]
    public async Task Withdraw_TheOfficeChangedTheCaseMeanwhile_IsRefusedShowingTheCaseAsItIsNowAndWhy()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var mine = A.Case(me).Build();
        await app.Database.SeedAsync(mine);
        var ask = await client.GetStringAsync($"/Applications/{mine.Id}?handler=Withdraw", TestContext.Current.CancellationToken);
        Assert.Contains("name=\"Version\" value=\"0\"", ask, StringComparison.Ordinal);
        // While the applicant reads the confirmation, an examiner claims the case.
        await using (var office = app.Database.CreateContext())
        {
            var tracked = await office.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken);
            Assert.True(tracked.Claim(examiner.ToActor(), DateTime.UtcNow).Succeeded);
            await office.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var refused = await client.PostFormAsync($"/Applications/{mine.Id}?handler=Withdraw", new Dictionary<string, string> { ["Version"] = "0" }, formPage: $"/Applications/{mine.Id}?handler=Withdraw");
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-testid=\"action-refused\"", html, StringComparison.Ordinal);
        Assert.Contains("表示中に申請の状態が更新されました。", html, StringComparison.Ordinal);
        // The case as it is now: still withdrawable, so the confirmation is offered again at the current version.
        Assert.Contains("data-testid=\"withdraw-confirm\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Version\" value=\"1\"", html, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(ApplicationStatus.Pending, (await db.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken)).Status);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ApplicationId == mine.Id && a.Action == "case.withdraw" && a.Outcome == Rasens.Data.Audit.AuditOutcome.Refused
                && a.Details!.StartsWith("case.stale"), TestContext.Current.CancellationToken));
        }

        var again = await client.PostFormAsync($"/Applications/{mine.Id}?handler=Withdraw", new Dictionary<string, string> { ["Version"] = "1" }, formPage: $"/Applications/{mine.Id}?handler=Withdraw");

        Assert.Equal($"/Applications/{mine.Id}?withdrawn=1", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Withdraw_UnderReview_IsNotOfferedAndIsRefused()
    {
        var (client, me, examiner) = await app.LoggedInWithExaminerAsync();
        var mine = A.Case(me).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner).Build();
        await app.Database.SeedAsync(mine);

        var page = await client.GetStringAsync($"/Applications/{mine.Id}", TestContext.Current.CancellationToken);
        var refused = await (await client.PostFormAsync($"/Applications/{mine.Id}?handler=Withdraw", new Dictionary<string, string>(), formPage: $"/Applications/{mine.Id}")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("handler=Withdraw", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"action-refused\"", refused, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationStatus.UnderReview, (await db.Applications.SingleAsync(a => a.Id == mine.Id, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task PrintDetails_IsAPdfWithTheJapaneseTextAndASafeFileName()
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        var values = new Dictionary<string, string>
        {
            ["statusOfResidence"] = "STUDENT", ["content"] = "ORG_LEAVING", ["nameEnglish"] = "NGUYEN VAN AN", ["eventDate"] = "2026-11-01",
            ["formerName"] = "東京大学", ["formerAddress"] = "東京都文京区本郷７－３－１",
        };
        var mine = A.Case(me).Notification().WithPayload(System.Text.Json.JsonSerializer.Serialize(values)).Build();
        await app.Database.SeedAsync(mine);

        var response = await client.GetAsync($"/Applications/{mine.Id}?handler=Print", TestContext.Current.CancellationToken);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"details-{mine.ReferenceNumber}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = PdfText.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Text;
        foreach (var expected in new[] { "所属機関・配偶者に関する届出", mine.ReferenceNumber, "東京大学", "東京都文京区本郷７－３－１", "留学", "離脱" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every language of the Portal prints: Japanese in Japanese, the other seven in English (the embedded font covers
    /// those two; entries are in capital Latin letters or Japanese), and the page itself stays in the reader's language.
    /// </summary>
    [Theory]
    [InlineData("ja", "到達番号", "所属機関・配偶者に関する届出")]
    [InlineData("en", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("zh-Hans", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("zh-Hant", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("ko", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("es", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("vi", "Reference number", "Notification relating to the institution or spouse")]
    [InlineData("tl", "Reference number", "Notification relating to the institution or spouse")]
    public async Task PrintDetails_InEveryLanguage_RendersAndReadsBackInJapaneseOrEnglish(string culture, string label, string procedure)
    {
        var (client, me, _) = await app.LoggedInWithExaminerAsync();
        var mine = A.Case(me).Notification().Build();
        await app.Database.SeedAsync(mine);
        await client.PostFormAsync("/Language", new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = "/" }, formPage: "/");

        var response = await client.GetAsync($"/Applications/{mine.Id}?handler=Print", TestContext.Current.CancellationToken);
        var pdf = PdfText.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(label, pdf.Text, StringComparison.Ordinal);
        Assert.Contains(procedure, pdf.Text, StringComparison.Ordinal);
        Assert.Contains(mine.ReferenceNumber, pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("접수", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', pdf.Text); // no character without a glyph
        var screen = await client.GetStringAsync($"/Applications/{mine.Id}", TestContext.Current.CancellationToken);
        Assert.Contains($"<html lang=\"{culture}\"", screen, StringComparison.Ordinal); // only the printout switches language
    }

    [Fact]
    public async Task Download_OwnFile_IsServedAsAnAttachmentUnderItsCleanedName_AnotherApplicantGets404()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        var pdf = TestFiles.Pdf("Certificate of enrolment");
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"),
            new FilePart("Documents", "..\\..\\secret<b>.pdf", pdf, "application/pdf"));
        var location = (await client.PostHandlerAsync(Extension, "Apply", fields)).Headers.Location!.OriginalString;
        var id = long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        var file = await db.Attachments.SingleAsync(a => a.ApplicationId == id && a.Kind == AttachmentKind.Document, Ct);

        var response = await client.GetAsync($"/Applications/{id}?handler=Attachment&file={file.Id}", Ct);
        var (stranger, _) = await app.LoggedInResidenceApplicantAsync();
        var strangers = await stranger.GetAsync($"/Applications/{id}?handler=Attachment&file={file.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("secretb.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Equal("secretb.pdf", file.OriginalFileName);
        _ = applicant;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
