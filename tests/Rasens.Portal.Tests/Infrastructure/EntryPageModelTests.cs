using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Testing;
using static Rasens.Portal.Tests.PortalSteps;

namespace Rasens.Portal.Tests.Infrastructure;

/// <summary>
/// The attachment handlers every entry page shares (EntryPageModel.cs: Attach, Detach), through the extension of
/// stay's Apply page: files checked by content, the limits, a new photo replacing the old, only the entry's own files.
/// </summary>
public sealed class EntryPageModelTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Extension = "/Procedures/extension-of-stay/Apply";

    public static TheoryData<string, string, string, string> BadFiles() => new()
    {
        { "Photo", "png-named.jpg", "PngRenamedJpg", "JPEG画像ではありません" },
        { "Photo", "square.jpg", "Square", "縦横比は4:3" },
        { "Photo", "landscape.jpg", "Landscape", "縦横比は4:3" },
        { "Documents", "locked.pdf", "PasswordProtectedPdf", "パスワードが必要です" },
        { "Documents", "no-print.pdf", "PrintForbiddenPdf", "セキュリティ設定" },
        { "Documents", "no-copy.pdf", "CopyForbiddenPdf", "セキュリティ設定" },
        { "Documents", "notes.pdf", "TextRenamedPdf", "PDFファイルではありません" },
        { "Documents", "cut.pdf", "TruncatedPdf", "壊れているか不完全" },
        { "Documents", "scan.png", "Png", "拡張子が.pdf" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Attach_BadFile_IsRefusedNamingTheFileAndTheReason_AndNothingIsStored(string field, string name, string kind, string reason)
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));

        var html = await Html(await client.PostFilesAsync(Extension, "Attach", fields, new FilePart(field, name, Bad(kind))));

        Assert.Contains("data-testid=\"attachment-errors\"", html, StringComparison.Ordinal);
        Assert.Contains($"{name}：", html, StringComparison.Ordinal);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Contains("value=\"大分県別府市\"", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Attachments.AnyAsync(a => a.OwnerApplicantId == applicant.Id, Ct));
    }

    [Fact]
    public async Task Attach_TwentyFirstFile_IsRefused_TheTwentyBeforeAreKept()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        var pdf = TestFiles.Pdf("page");
        var documents = Enumerable.Range(1, 20).Select(i => new FilePart("Documents", $"doc{i:D2}.pdf", pdf, "application/pdf")).ToArray();

        var html = await Html(await client.PostFilesAsync(Extension, "Attach", fields, [new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"), .. documents]));

        Assert.Contains("doc20.pdf：", html, StringComparison.Ordinal);
        Assert.Contains("20ファイルまで", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(20, await db.Attachments.CountAsync(a => a.OwnerApplicantId == applicant.Id && a.DraftId == Guid.Parse(key), Ct));
    }

    [Fact]
    public async Task Attach_MoreThan25MegabytesInTotal_IsRefused()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        var big = TestFiles.PdfOfSize(13L * 1024 * 1024);

        var first = await Html(await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Documents", "first.pdf", big, "application/pdf")));
        var second = await Html(await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Documents", "second.pdf", big, "application/pdf")));

        Assert.DoesNotContain("data-testid=\"attachment-errors\"", first, StringComparison.Ordinal);
        Assert.Contains("second.pdf：", second, StringComparison.Ordinal);
        Assert.Contains("25MBを超えます", second, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.OwnerApplicantId == applicant.Id, Ct));
    }

    [Fact]
    public async Task Attach_NewPhoto_ReplacesTheEarlierOne_AndRemoveTakesAFileOff()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "old.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"),
            new FilePart("Documents", "keep.pdf", TestFiles.Pdf("keep"), "application/pdf"), new FilePart("Documents", "drop.pdf", TestFiles.Pdf("drop"), "application/pdf"));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "new.jpeg", TestFiles.Jpeg(600, 800), "image/jpeg"));
        await using var db = app.Database.CreateContext();
        var drop = await db.Attachments.SingleAsync(a => a.OwnerApplicantId == applicant.Id && a.OriginalFileName == "drop.pdf", Ct);

        var html = await Html(await client.PostHandlerAsync(Extension, "Detach", new Dictionary<string, string>(fields) { ["AttachmentId"] = drop.Id.ToString() }));

        Assert.Contains("削除しました：drop.pdf", html, StringComparison.Ordinal);
        var left = await db.Attachments.AsNoTracking().Where(a => a.OwnerApplicantId == applicant.Id).Select(a => a.OriginalFileName).OrderBy(n => n).ToListAsync(Ct);
        Assert.Equal(["keep.pdf", "new.jpeg"], left);
    }

    [Fact]
    public async Task Detach_SomeoneElsesFile_ChangesNothing()
    {
        var (owner, ownerAccount) = await app.LoggedInResidenceApplicantAsync();
        var ownerKey = PortalSteps.HiddenValue(await owner.OpenEntryAsync(Extension), "SubmissionKey");
        await owner.PostFilesAsync(Extension, "Attach", FormExamples.Extension().AsFormFields(("SubmissionKey", ownerKey)), new FilePart("Documents", "mine.pdf", TestFiles.Pdf("mine"), "application/pdf"));
        await using var db = app.Database.CreateContext();
        var file = await db.Attachments.SingleAsync(a => a.OwnerApplicantId == ownerAccount.Id, Ct);
        var (stranger, _) = await app.LoggedInResidenceApplicantAsync();

        // The stranger even knows the owner's entry key: the file is still not theirs.
        await stranger.OpenEntryAsync(Extension);
        await stranger.PostHandlerAsync(Extension, "Detach", new Dictionary<string, string> { ["SubmissionKey"] = ownerKey, ["AttachmentId"] = file.Id.ToString() });

        Assert.True(await db.Attachments.AsNoTracking().AnyAsync(a => a.Id == file.Id, Ct));
    }

    [Fact]
    public async Task Attach_WithoutAntiforgeryToken_IsRefusedAndStoresNothing()
    {
        var (client, applicant) = await app.LoggedInResidenceApplicantAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "SubmissionKey" },
            { new ByteArrayContent(TestFiles.Pdf("x")), "Documents", "x.pdf" },
        };

        var response = await client.PostAsync(Extension + "?handler=Attach", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Attachments.AnyAsync(a => a.OwnerApplicantId == applicant.Id, Ct));
    }

    private static byte[] Bad(string kind) => kind switch
    {
        "PngRenamedJpg" => TestFiles.PngRenamedJpg(),
        "Square" => TestFiles.Jpeg(400, 400),
        "Landscape" => TestFiles.Jpeg(400, 300),
        "PasswordProtectedPdf" => TestFiles.PasswordProtectedPdf(),
        "PrintForbiddenPdf" => TestFiles.PrintForbiddenPdf(),
        "CopyForbiddenPdf" => TestFiles.CopyForbiddenPdf(),
        "TextRenamedPdf" => TestFiles.TextRenamedPdf(),
        "TruncatedPdf" => TestFiles.TruncatedPdf(),
        "Png" => TestFiles.Png(300, 400),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> Html(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
}
