using System.Net;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Procedures;
using Rasens.Testing;
using static Rasens.Portal.Tests.PortalSteps;

namespace Rasens.Portal.Tests.Pages.Procedures;

/// <summary>The residence forms through the pages: attachments by content, confirmation, Apply once, numbers, office and e-mail.</summary>
public sealed class ResidenceApplyTests(PortalOnSqlite app) : IClassFixture<PortalOnSqlite>
{
    private const string Extension = "/Procedures/extension-of-stay/Apply";

    [Fact]
    public async Task Apply_ExtensionWithPhotoAndDocuments_ConfirmBackApplyTwice_MakesOneCaseWithItsFiles()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));

        var attached = await Html(await client.PostFilesAsync(Extension, "Attach", fields,
            new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"),
            new FilePart("Documents", "在学証明書.pdf", TestFiles.Pdf("Certificate of enrolment"), "application/pdf"),
            new FilePart("Documents", "transcript.pdf", TestFiles.Pdf("Transcript", pages: 2), "application/pdf")));
        Assert.Contains("data-testid=\"attached-files\"", attached, StringComparison.Ordinal);
        Assert.Contains("在学証明書.pdf", attached, StringComparison.Ordinal);
        Assert.Contains("value=\"NGUYEN,VAN AN\"", attached, StringComparison.Ordinal); // attaching keeps what was typed

        var confirm = await Html(await client.PostHandlerAsync(Extension, "Confirm", fields));
        Assert.Contains("data-testid=\"confirmation\"", confirm, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"attachment-summary\"", confirm, StringComparison.Ordinal);
        Assert.Contains("transcript.pdf", confirm, StringComparison.Ordinal);
        var back = await Html(await client.PostHandlerAsync(Extension, "Back", fields));
        Assert.Contains("photo.jpg", back, StringComparison.Ordinal); // Return to Input keeps the files too
        Assert.Contains("value=\"亀川町１丁目２番３号\"", back, StringComparison.Ordinal);

        var applied = await client.PostHandlerAsync(Extension, "Apply", fields);
        var again = await client.PostHandlerAsync(Extension, "Apply", fields);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(applied.Headers.Location, again.Headers.Location);
        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ExtensionOfPeriodOfStay, Ct);
        Assert.Equal(ApplicationStatus.Pending, made.Status);
        Assert.Matches("^東仮E26[0-9]{6}$", made.TemporaryReceptionNumber);
        Assert.Null(made.NotificationReceiptNumber);
        Assert.Equal("NGUYEN,VAN AN", made.ApplicantName);
        var files = await db.Attachments.Where(a => a.ApplicationId == made.Id).ToListAsync(Ct);
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Null(f.DraftId));
        Assert.Single(files, f => f.Kind == AttachmentKind.FacialPhoto);
        Assert.Equal(1, await app.CountEmailsAsync(applicant.Email!, "application-received"));
        Assert.Equal(0, await app.CountEmailsAsync(applicant.Email!, "notification-receipt-number"));
    }

    [Fact]
    public async Task Confirm_WithoutThePhoto_IsRefusedAtTheTopAndKeepsEverything()
    {
        var (client, _) = await ResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");

        var html = await Html(await client.PostHandlerAsync(Extension, "Confirm", FormExamples.Extension().AsFormFields(("SubmissionKey", key))));

        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#attachments-title\"", html, StringComparison.Ordinal);
        Assert.Contains("顔写真は必須です", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"confirmation\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"NGUYEN,VAN AN\"", html, StringComparison.Ordinal);
    }

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
        var (client, applicant) = await ResidenceApplicantAsync();
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
        var (client, applicant) = await ResidenceApplicantAsync();
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
        var (client, applicant) = await ResidenceApplicantAsync();
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
        var (client, applicant) = await ResidenceApplicantAsync();
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
        var (owner, ownerAccount) = await ResidenceApplicantAsync();
        var ownerKey = PortalSteps.HiddenValue(await owner.OpenEntryAsync(Extension), "SubmissionKey");
        await owner.PostFilesAsync(Extension, "Attach", FormExamples.Extension().AsFormFields(("SubmissionKey", ownerKey)), new FilePart("Documents", "mine.pdf", TestFiles.Pdf("mine"), "application/pdf"));
        await using var db = app.Database.CreateContext();
        var file = await db.Attachments.SingleAsync(a => a.OwnerApplicantId == ownerAccount.Id, Ct);
        var (stranger, _) = await ResidenceApplicantAsync();

        // The stranger even knows the owner's entry key: the file is still not theirs.
        await stranger.OpenEntryAsync(Extension);
        await stranger.PostHandlerAsync(Extension, "Detach", new Dictionary<string, string> { ["SubmissionKey"] = ownerKey, ["AttachmentId"] = file.Id.ToString() });

        Assert.True(await db.Attachments.AsNoTracking().AnyAsync(a => a.Id == file.Id, Ct));
    }

    [Fact]
    public async Task Attach_WithoutAntiforgeryToken_IsRefusedAndStoresNothing()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
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

    [Fact]
    public async Task Apply_ChangeOfStatusAtTheFukuokaCounter_IsHandledByFukuoka()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
        const string page = "/Procedures/change-of-status/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");
        var fields = FormExamples.ChangeOfStatus().AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(page, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostHandlerAsync(page, "Apply", fields)).StatusCode);

        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ChangeOfStatusOfResidence, Ct);
        Assert.Equal(10, made.OfficeId);
        Assert.StartsWith("福仮C", made.TemporaryReceptionNumber, StringComparison.Ordinal);
        Assert.Equal("ENGINEER_HUMANITIES", made.StatusOfResidenceCode);
    }

    [Fact]
    public async Task Apply_ExtensionWithSimultaneousApplications_RecordsThemAndCopiesCommonItems()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var values = FormExamples.Extension().WithReEntryAndPartTimeWork();
        values["familyInJapan"] = "YES";
        (values["family.0.relationship"], values["family.0.name"], values["family.0.dateOfBirth"], values["family.0.nationality"], values["family.0.residingWith"])
            = ("SPOUSE", "NGUYEN THI BINH", "2001-05-06", "Viet Nam", "YES");
        var fields = values.AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));

        var confirm = await Html(await client.PostHandlerAsync(Extension, "Confirm", fields));
        Assert.Contains("再入国許可申請（同時申請）", confirm, StringComparison.Ordinal);
        Assert.Contains("在日親族・同居者 1", confirm, StringComparison.Ordinal);
        await client.PostHandlerAsync(Extension, "Apply", fields);

        await using var db = app.Database.CreateContext();
        var made = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ExtensionOfPeriodOfStay, Ct);
        Assert.Equal(SimultaneousApplications.ReEntryPermit | SimultaneousApplications.ActivityOtherThanPermitted, made.Simultaneous);
        var payload = Rasens.Data.Forms.CaseFields.Values(made.Payload);
        Assert.Equal("NGUYEN,VAN AN", payload["reentry.nameEnglish"]);
        Assert.Equal("NGUYEN THI BINH", payload["family.0.name"]); // rows of a repeating section survive the browser's posting
    }

    [Fact]
    public async Task Apply_AuthorizedEmployment_NeedsNoPhoto()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
        const string page = "/Procedures/authorized-employment/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");

        var applied = await client.PostHandlerAsync(page, "Apply", FormExamples.AuthorizedEmployment().AsFormFields(("SubmissionKey", key)));

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.Applications.AnyAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.AuthorizedEmploymentCertificate, Ct));
    }

    [Fact]
    public async Task ChangeOfMethodOfReceipt_OwnOpenApplication_IsAccepted_AnotherApplicantsNumberIsUnknown()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
        var own = await SubmittedExtensionAsync(client);
        var (stranger, _) = await ResidenceApplicantAsync();
        var foreign = await SubmittedExtensionAsync(stranger);
        const string page = "/Procedures/change-of-receipt-method/Apply";
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(page), "SubmissionKey");

        var refused = await Html(await client.PostHandlerAsync(page, "Confirm", FormExamples.ChangeOfMethodOfReceipt(foreign).AsFormFields(("SubmissionKey", key))));
        var applied = await client.PostHandlerAsync(page, "Apply", FormExamples.ChangeOfMethodOfReceipt(own).AsFormFields(("SubmissionKey", key)));

        Assert.Contains("href=\"#f_temporaryReceptionNumber\"", refused, StringComparison.Ordinal);
        Assert.Contains("この番号のあなたの申請は見つかりません", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        await using var db = app.Database.CreateContext();
        var change = await db.Applications.SingleAsync(a => a.ApplicantId == applicant.Id && a.ProcedureId == (int)ProcedureKind.ChangeOfMethodOfReceipt, Ct);
        Assert.Null(change.NotificationReceiptNumber);
        Assert.Equal(own, Rasens.Data.Forms.CaseFields.Values(change.Payload)["temporaryReceptionNumber"]);
    }

    [Fact]
    public async Task Download_OwnFile_IsServedAsAnAttachmentUnderItsCleanedName_AnotherApplicantGets404()
    {
        var (client, applicant) = await ResidenceApplicantAsync();
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
        var (stranger, _) = await ResidenceApplicantAsync();
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

    private async Task<(HttpClient Client, Rasens.Data.Accounts.ApplicantUser Applicant)> ResidenceApplicantAsync() =>
        await app.LoggedInApplicantAsync(approved: true, usage: ProcedureKind.UsageRequestResidence);

    /// <summary>Applies for an extension through the pages; returns its temporary reception number.</summary>
    private async Task<string> SubmittedExtensionAsync(HttpClient client)
    {
        var key = PortalSteps.HiddenValue(await client.OpenEntryAsync(Extension), "SubmissionKey");
        var fields = FormExamples.Extension().AsFormFields(("SubmissionKey", key));
        await client.PostFilesAsync(Extension, "Attach", fields, new FilePart("Photo", "photo.jpg", TestFiles.Jpeg(300, 400), "image/jpeg"));
        var location = (await client.PostHandlerAsync(Extension, "Apply", fields)).Headers.Location!.OriginalString;
        var id = long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        return (await db.Applications.SingleAsync(a => a.Id == id, Ct)).TemporaryReceptionNumber!;
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
