using Microsoft.EntityFrameworkCore;
using Rasens.Data.Applications;
using Rasens.Data.Files;
using Rasens.Data.Forms;
using Rasens.Testing;

namespace Rasens.Data.Tests.Applications;

/// <summary>The 20-file limit of an entry holds when two Attach posts of that entry arrive at the same instant. Both engines.</summary>
public abstract class AttachmentLimitsTests(TestDatabase database) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rasens-attachments-").FullName;

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

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class AttachmentLimitsTests_Sqlite(SqliteTestDatabase database) : AttachmentLimitsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AttachmentLimitsTests_Postgres(PostgresTestDatabase database) : AttachmentLimitsTests(database), IClassFixture<PostgresTestDatabase>;
