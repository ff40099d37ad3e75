using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rasens.Data.Accounts;
using Rasens.Data.Applications;
using Rasens.Data.Audit;
using Rasens.Data.Files;
using Rasens.Data.Forms;
using Rasens.Data.Hosting;
using Rasens.Data.Messaging;
using Rasens.Data.Numbers;
using Rasens.Data.Procedures;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>
/// Correction by the applicant (Corrections.cs) on a real database, both engines: the open request as the applicant
/// sees it, and resubmission refused while the form, the version or the files asked for are not right, otherwise
/// returning the case to the office with the round's files, the request resolved and the step audited.
/// </summary>
public abstract class CorrectionsTests(TestDatabase database) : IDisposable
{
    private const string Note = "住居地と写真の補正をお願いします。";
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("rasens-corrections-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(ApplicationStatus.Pending)]
    [InlineData(ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.AwaitingIssuance)]
    [InlineData(ApplicationStatus.Withdrawn)]
    public async Task OpenRequest_CaseNotWaitingForTheApplicant_IsNone(ApplicationStatus status)
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(status).HeldBy(examiner), _clock.UtcNow);

        await using var db = database.CreateContext(_clock);
        Assert.Null(await NewCorrections(db).OpenRequestAsync(await LoadAsync(db, application.Id), Ct));
    }

    [Fact]
    public async Task OpenRequest_ReturnedCase_IsTheRequestsItemsAndNote_WithTheReasonAndTimeOfTheReturn()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        var returnedAt = _clock.UtcNow;
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "建物名と部屋番号まで入力してください。"), Photo(), Document("在学証明書"));
        _clock.Advance(TimeSpan.FromDays(2));

        await using var db = database.CreateContext(_clock);
        var view = await NewCorrections(db).OpenRequestAsync(await LoadAsync(db, application.Id), Ct);

        Assert.NotNull(view);
        Assert.Equal((Note, Note, returnedAt), (view.Reason, view.Note, view.At));
        Assert.Equal(
            [(CorrectionItemKind.Field, "addressStreet", "建物名と部屋番号まで入力してください。"), (CorrectionItemKind.Photo, "photo", "6か月以内に撮影した写真を添付してください。"), (CorrectionItemKind.Document, "在学証明書", "発行から3か月以内のもの。")],
            view.Items.OrderBy(i => i.Id).Select(i => (i.Kind, i.Target, i.Message)));
        Assert.Same(FormDefinitions.For(ProcedureKind.ExtensionOfPeriodOfStay), view.Form);
        Assert.Equal("Address in Japan (town, street and house number)", view.Label(view.Items.OrderBy(i => i.Id).First(), CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task OpenRequest_RegistrationError_IsItsDetailsAndItems_OnTheNotificationForm()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await database.SeedCaseAsync(A.Case(owner).Notification().InStatus(ApplicationStatus.ApplicationCompleted).HeldBy(examiner), _clock.UtcNow);
        await using (var work = database.CreateContext(_clock))
        {
            var flagged = await Work(work).FlagRegistrationErrorAsync(application.Id, application.Version, examiner, "所属機関の名称が登録と異なります。",
                [new ReturnItem(CorrectionItemKind.Field, "formerName", "正式名称を入力してください。")], Ct);
            Assert.True(flagged.Succeeded, flagged.Error?.Message);
        }

        await using var db = database.CreateContext(_clock);
        var view = await NewCorrections(db).OpenRequestAsync(await LoadAsync(db, application.Id), Ct);

        Assert.NotNull(view);
        Assert.Equal("所属機関の名称が登録と異なります。", view.Reason);
        Assert.Equal(("formerName", "正式名称を入力してください。"), (Assert.Single(view.Items).Target, view.Items[0].Message));
        Assert.Same(FormDefinitions.For(ProcedureKind.InstitutionOrSpouseNotification), view.Form);
    }

    [Fact]
    public async Task OpenRequest_ReturnedAgainAfterAResubmission_IsTheNewRoundsRequest()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"));
        Assert.True((await ResubmitAsync(application.Id, owner, FormExamples.Extension(), Guid.NewGuid())).Succeeded);
        await ReturnAsync(application.Id, examiner, Field("mobile", "つながる番号を入力してください。"));

        await using var db = database.CreateContext(_clock);
        var view = await NewCorrections(db).OpenRequestAsync(await LoadAsync(db, application.Id), Ct);

        Assert.Equal(("mobile", "つながる番号を入力してください。"), (Assert.Single(view!.Items).Target, view.Items[0].Message));
    }

    [Fact]
    public async Task Resubmit_AtAnOldVersion_IsRefusedAsStale_NothingChanges()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"));
        var returned = await database.LoadCaseAsync(application.Id);

        var result = await ResubmitAsync(application.Id, owner, Corrected(), Guid.NewGuid(), version: returned.Version - 1);

        Assert.Equal(CaseErrors.StaleVersion, result.Error);
        await AssertUnchangedAsync(returned);
    }

    [Fact]
    public async Task Resubmit_AnInvalidForm_IsRefused_NothingChanges()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"));
        var returned = await database.LoadCaseAsync(application.Id);
        var values = Corrected();
        values.Remove("nameEnglish"); // required
        values["mobile"] = "090-1234-5678"; // digits only

        var result = await ResubmitAsync(application.Id, owner, values, Guid.NewGuid());

        Assert.Equal(Submissions.Invalid, result.Error);
        await AssertUnchangedAsync(returned);
    }

    [Theory]
    [InlineData(CorrectionItemKind.Photo, "attachment.photo-again")]
    [InlineData(CorrectionItemKind.Document, "attachment.documents-again")]
    public async Task Resubmit_WithoutTheFileAskedFor_IsRefusedWithTheAttachmentsError(CorrectionItemKind asked, string code)
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, asked == CorrectionItemKind.Photo ? Photo() : Document("在学証明書"));
        var returned = await database.LoadCaseAsync(application.Id);
        var draft = Guid.NewGuid();
        // The round's files hold the other kind only; the case's photo from before does not count for a new one.
        await DraftFileAsync(owner, draft, asked == CorrectionItemKind.Photo ? AttachmentKind.Document : AttachmentKind.FacialPhoto);

        var result = await ResubmitAsync(application.Id, owner, Corrected(), draft);

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(asked == CorrectionItemKind.Photo ? Attachments.PhotoAgain : Attachments.DocumentsAgain, result.Error);
        await AssertUnchangedAsync(returned);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.DraftId == draft && a.ApplicationId == null, Ct)); // still the entry's
    }

    [Fact]
    public async Task Resubmit_NoPhotoOnTheCaseOrInTheRound_IsRefusedAsRequired()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner, withPhoto: false);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"));
        var returned = await database.LoadCaseAsync(application.Id);

        var result = await ResubmitAsync(application.Id, owner, Corrected(), Guid.NewGuid());

        Assert.Equal(Attachments.PhotoRequired, result.Error);
        await AssertUnchangedAsync(returned);
    }

    [Fact]
    public async Task Resubmit_BySomeoneElse_IsRefusedByTheCase_NothingChanges()
    {
        var (owner, examiner) = await PeopleAsync();
        var stranger = A.Applicant().Build();
        await database.SeedAsync(stranger);
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"));
        var returned = await database.LoadCaseAsync(application.Id);

        var result = await ResubmitAsync(application.Id, stranger, Corrected(), Guid.NewGuid());

        Assert.Equal(CaseErrors.NotOwner, result.Error);
        await AssertUnchangedAsync(returned);
    }

    [Fact]
    public async Task Resubmit_Corrected_ReturnsTheCaseToTheOffice_ResolvesTheRequest_AttachesTheRoundsFiles_AndIsAudited()
    {
        var (owner, examiner) = await PeopleAsync();
        var application = await UnderReviewAsync(owner, examiner);
        await ReturnAsync(application.Id, examiner, Field("addressStreet", "番地まで入力してください。"), Photo(), Document("在学証明書"));
        var returned = await database.LoadCaseAsync(application.Id);
        var draft = Guid.NewGuid();
        var photo = await DraftFileAsync(owner, draft, AttachmentKind.FacialPhoto);
        var document = await DraftFileAsync(owner, draft, AttachmentKind.Document);
        _clock.Advance(TimeSpan.FromDays(3));
        var now = _clock.UtcNow;

        var result = await ResubmitAsync(application.Id, owner, Corrected(), draft, version: returned.Version);

        Assert.True(result.Succeeded, result.Error?.Message);
        await using var db = database.CreateContext();
        var back = await db.Applications.AsNoTracking().Include(a => a.History).SingleAsync(a => a.Id == application.Id, Ct);
        Assert.Equal((ApplicationStatus.UnderReview, returned.Version + 1, returned.CorrectionRound + 1), (back.Status, back.Version, back.CorrectionRound));
        Assert.Equal("亀川町４丁目５番６号別府ハイツ１０１", CaseFields.Values(back.Payload)["addressStreet"]);
        var last = back.History.OrderBy(h => h.Id).Last();
        Assert.Equal((CaseAction.Resubmit, owner.Id, now), (last.Action, last.ActorId, last.At));
        Assert.All(await db.CorrectionRequests.Where(r => r.ApplicationId == application.Id).ToListAsync(Ct), r => Assert.Equal(now, r.ResolvedAt));
        var files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == application.Id).ToListAsync(Ct);
        Assert.Equal(3, files.Count); // the old photo, and the round's photo and document
        Assert.All(files.Where(f => f.Id == photo || f.Id == document), f => Assert.Null(f.DraftId));
        Assert.Equal(now, files.Single(f => f.Kind == AttachmentKind.FacialPhoto && f.Id != photo).SupersededAt); // the new photo takes its place
        Assert.Null(files.Single(f => f.Id == photo).SupersededAt);
        var audit = await db.AuditEntries.SingleAsync(a => a.ApplicationId == application.Id && a.Action == "case.resubmit", Ct);
        Assert.Equal((AuditOutcome.Succeeded, ActorRole.Applicant, (Guid?)owner.Id, now), (audit.Outcome, audit.ActorRole, audit.ActorId, audit.At));
        Assert.Null(await NewCorrections(db).OpenRequestAsync(await LoadAsync(db, application.Id), Ct)); // nothing open any more
    }

    private async Task<(ApplicantUser Owner, Actor Examiner)> PeopleAsync()
    {
        var owner = A.Applicant().Build();
        var examiner = A.Staff().Build();
        await database.SeedAsync(owner, examiner);
        return (owner, examiner.ToActor());
    }

    /// <summary>An extension of stay under review by <paramref name="examiner"/>, with its facial photo from the first round.</summary>
    private async Task<Application> UnderReviewAsync(ApplicantUser owner, Actor examiner, bool withPhoto = true)
    {
        var application = await database.SeedCaseAsync(A.Case(owner).InStatus(ApplicationStatus.UnderReview).HeldBy(examiner).WithPayload(JsonSerializer.Serialize(FormExamples.Extension())), _clock.UtcNow);
        if (withPhoto)
        {
            await database.SeedAsync(FileRow(owner, AttachmentKind.FacialPhoto, draft: null, caseId: application.Id));
        }

        return application;
    }

    private async Task ReturnAsync(long id, Actor examiner, params ReturnItem[] items)
    {
        var version = (await database.LoadCaseAsync(id)).Version;
        await using var db = database.CreateContext(_clock);
        var result = await Work(db).ReturnAsync(id, version, examiner, items, Note, Ct);
        Assert.True(result.Succeeded, result.Error?.Message);
    }

    /// <summary>Resubmits as the Modify page does: the case loaded with its history, at the version shown (the current one unless given).</summary>
    private async Task<Result> ResubmitAsync(long id, ApplicantUser applicant, Dictionary<string, string> values, Guid draft, int? version = null)
    {
        await using var db = database.CreateContext(_clock);
        var application = await LoadAsync(db, id);
        var posted = values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
        return await NewCorrections(db).ResubmitAsync(application, applicant.ToActor(), version ?? application.Version, posted, draft, Ct);
    }

    private async Task<Guid> DraftFileAsync(ApplicantUser owner, Guid draft, AttachmentKind kind)
    {
        var file = FileRow(owner, kind, draft, caseId: null);
        await database.SeedAsync(file);
        return file.Id;
    }

    private Attachment FileRow(ApplicantUser owner, AttachmentKind kind, Guid? draft, long? caseId) => new()
    {
        Id = Guid.NewGuid(), OwnerApplicantId = owner.Id, DraftId = draft, ApplicationId = caseId, Kind = kind,
        OriginalFileName = kind == AttachmentKind.FacialPhoto ? "photo.jpg" : "在学証明書.pdf", StoredName = LocalFileStore.NewName(kind == AttachmentKind.FacialPhoto ? ".jpg" : ".pdf"),
        ContentType = kind == AttachmentKind.FacialPhoto ? "image/jpeg" : AttachmentInspector.PdfContentType, Length = 1000, Sha256 = "00", UploadedAt = _clock.UtcNow,
    };

    /// <summary>The extension form as corrected: the street given in full.</summary>
    private static Dictionary<string, string> Corrected()
    {
        var values = FormExamples.Extension();
        values["addressStreet"] = "亀川町４丁目５番６号別府ハイツ１０１";
        return values;
    }

    private static ReturnItem Field(string key, string message) => new(CorrectionItemKind.Field, key, message);

    private static ReturnItem Photo() => new(CorrectionItemKind.Photo, "", "6か月以内に撮影した写真を添付してください。");

    private static ReturnItem Document(string name) => new(CorrectionItemKind.Document, name, "発行から3か月以内のもの。");

    /// <summary>A refused resubmission leaves the case, its open request and the entry's files as they were.</summary>
    private async Task AssertUnchangedAsync(Application returned)
    {
        await using var db = database.CreateContext();
        var now = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == returned.Id, Ct);
        Assert.Equal((ApplicationStatus.InReturnProcess, returned.Version, returned.Payload, returned.CorrectionRound), (now.Status, now.Version, now.Payload, now.CorrectionRound));
        Assert.True(await db.CorrectionRequests.AnyAsync(r => r.ApplicationId == returned.Id && r.ResolvedAt == null, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ApplicationId == returned.Id && a.Action == "case.resubmit", Ct));
    }

    private Corrections NewCorrections(RasensDbContext db) =>
        new(db, new FormChecks(db, _clock), new Attachments(db, new LocalFileStore(_folder), _clock), _clock);

    private CaseWork Work(RasensDbContext db) =>
        new(db, new CaseNumbers(new NumberAllocator(db)), new Mailer(db, _clock), new RasensOptions { PortalUrl = "https://portal.example" }, _clock);

    private static Task<Application> LoadAsync(RasensDbContext db, long id) =>
        db.Applications.Include(a => a.History).SingleAsync(a => a.Id == id, Ct);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class CorrectionsTests_Sqlite(SqliteTestDatabase database) : CorrectionsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class CorrectionsTests_Postgres(PostgresTestDatabase database) : CorrectionsTests(database), IClassFixture<PostgresTestDatabase>;
