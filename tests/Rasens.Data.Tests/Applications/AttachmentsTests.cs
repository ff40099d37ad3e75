using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Files;
using Rasens.Data.Forms;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>
/// Attachments on a real database, both engines: the 20-file limit of an entry holding when two Attach posts arrive at
/// the same instant, and the purge of abandoned form entries' files (DOMAIN §5: attachments are not part of save
/// data): rows and bytes of files that belong to no case go after <see cref="Attachments.DraftLifetime"/>; a case's
/// files never.
/// </summary>
public abstract class AttachmentsTests(TestDatabase database) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rasens-attachments-").FullName;
    private readonly TestClock _clock = new();

    /// <summary>The tests of a class share one database and count its files: each starts with none.</summary>
    public async ValueTask InitializeAsync()
    {
        await using var db = database.CreateContext();
        await db.Attachments.ExecuteDeleteAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TwoAttachesAtOnce_WithRoomForOneFile_AddOnlyOne()
    {
        var applicant = A.Applicant().Build();
        await database.SeedAsync(applicant);
        var draft = Guid.NewGuid();
        // Nineteen files already in the entry: room for one more.
        await database.SeedAsync([.. Enumerable.Range(0, AttachmentInspector.MaxFiles - 1).Select(i => (object)new Attachment
        {
            Id = Guid.NewGuid(), OwnerApplicantId = applicant.Id, DraftId = draft, Kind = AttachmentKind.Document,
            OriginalFileName = $"earlier-{i}.pdf", StoredName = $"earlier-{i}.pdf", ContentType = "application/pdf", Length = 1000, Sha256 = "00", UploadedAt = DateTime.UtcNow,
        })]);
        var policy = new AttachmentPolicy(Photo: false, PhotoRequired: false, Documents: true);
        var pdf = TestFiles.Pdf("添付");
        using var start = new Barrier(2);

        async Task<(IReadOnlyList<AttachmentView> Added, IReadOnlyList<FileRefusal> Refused)> AttachAsync(string name)
        {
            await using var db = database.CreateContext();
            var attachments = new Attachments(db, new LocalFileStore(_folder), TimeProvider.System);
            var upload = new Upload(AttachmentKind.Document, name, pdf.Length, () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10)); // both requests past the early check, reading their files together
                return new MemoryStream(pdf);
            });
            return await attachments.AddAsync(applicant.Id, draft, null, 0, policy, [upload], TestContext.Current.CancellationToken);
        }

        var results = await Task.WhenAll(Task.Run(() => AttachAsync("first.pdf")), Task.Run(() => AttachAsync("second.pdf")));

        Assert.Equal(1, results.Sum(r => r.Added.Count));
        Assert.Equal(AttachmentInspector.TooMany.Code, Assert.Single(results.SelectMany(r => r.Refused)).Error.Code);
        await using var check = database.CreateContext();
        Assert.Equal(AttachmentInspector.MaxFiles, await check.Attachments.CountAsync(a => a.DraftId == draft, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories)); // the refused file was not stored
    }

    [Fact]
    public async Task PurgeAbandonedDrafts_DeletesOnlyDraftFilesOlderThanTheirLifetime_RowsAndBytes()
    {
        var applicant = A.Applicant().Build();
        await database.SeedAsync(applicant);
        var submitted = A.Case(applicant).Build();
        await database.SeedAsync(submitted);
        var store = new LocalFileStore(_folder);
        var old = await StoreAsync(store, applicant, draft: Guid.NewGuid(), caseId: null, uploaded: _clock.UtcNow - Attachments.DraftLifetime - TimeSpan.FromMinutes(1));
        var justInTime = await StoreAsync(store, applicant, draft: Guid.NewGuid(), caseId: null, uploaded: _clock.UtcNow - Attachments.DraftLifetime + TimeSpan.FromMinutes(1));
        var onCase = await StoreAsync(store, applicant, draft: null, caseId: submitted.Id, uploaded: _clock.UtcNow - TimeSpan.FromDays(400));

        await using (var db = database.CreateContext())
        {
            var purged = await new Attachments(db, store, _clock).PurgeAbandonedDraftsAsync(Ct);
            Assert.Equal(1, purged);
        }

        await using var check = database.CreateContext();
        var left = await check.Attachments.Select(a => a.Id).ToListAsync(Ct);
        Assert.Equal(new[] { justInTime.Id, onCase.Id }.Order(), left.Order());
        Assert.Null(await store.OpenReadAsync(old.StoredName, Ct));
        await using (var kept = await store.OpenReadAsync(onCase.StoredName, Ct))
        {
            Assert.NotNull(kept);
        }

        // Once its own lifetime has passed too, the other draft goes; the case's file still stays.
        _clock.Advance(TimeSpan.FromMinutes(2));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await new Attachments(db, store, _clock).PurgeAbandonedDraftsAsync(Ct));
        }

        await using var last = database.CreateContext();
        Assert.Equal(onCase.Id, await last.Attachments.Select(a => a.Id).SingleAsync(Ct));
    }

    [Fact]
    public async Task PurgeAbandonedDrafts_NothingAbandoned_DeletesNothing()
    {
        await using var db = database.CreateContext();

        Assert.Equal(0, await new Attachments(db, new LocalFileStore(_folder), _clock).PurgeAbandonedDraftsAsync(Ct));
    }

    private async Task<Attachment> StoreAsync(LocalFileStore store, Rasens.Data.Accounts.ApplicantUser owner, Guid? draft, long? caseId, DateTime uploaded)
    {
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(), OwnerApplicantId = owner.Id, DraftId = draft, ApplicationId = caseId, Kind = AttachmentKind.Document,
            OriginalFileName = "書類.pdf", StoredName = Guid.NewGuid().ToString("N") + ".pdf", ContentType = AttachmentInspector.PdfContentType,
            Length = 3, Sha256 = "00", UploadedAt = uploaded,
        };
        await store.SaveAsync(attachment.StoredName, new MemoryStream([1, 2, 3]), Ct);
        await database.SeedAsync(attachment);
        return attachment;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class AttachmentsTests_Sqlite(SqliteTestDatabase database) : AttachmentsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AttachmentsTests_Postgres(PostgresTestDatabase database) : AttachmentsTests(database), IClassFixture<PostgresTestDatabase>;
