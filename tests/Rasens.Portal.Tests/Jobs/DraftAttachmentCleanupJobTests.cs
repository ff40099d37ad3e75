using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Rasens.Data.Applications;
using Rasens.Data.Files;
using Rasens.Data.Jobs;
using Rasens.Portal.Jobs;
using Rasens.Testing;

namespace Rasens.Portal.Tests.Jobs;

/// <summary>The Portal's scheduler as it runs: its jobs are scheduled, and the cleanup deletes an abandoned entry's file when fired.</summary>
public abstract class DraftAttachmentCleanupJobTests<TFixture>(TFixture app)
    where TFixture : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>, IWebApp
{
    [Fact]
    public async Task Scheduler_HasThePortalsJobs_EachDerivingFromTheBaseJob()
    {
        var scheduler = await SchedulerAsync();
        var keys = (await scheduler.QueryJobs(new JobQuery(), Ct)).Items.Select(j => j.Key).ToList();

        Assert.Equal(["DraftAttachmentCleanup", "EmailOutbox", "EventHousekeeping"], keys.Select(k => k.Name).Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            var job = await scheduler.GetJobDetail(key, Ct);
            Assert.True(job!.JobType.Type.IsSubclassOf(typeof(RasensJob)), $"{key.Name} does not derive from RasensJob.");
        }

        Assert.Equal("Rasens.Portal", scheduler.SchedulerName);
    }

    [Fact]
    public async Task Firing_DeletesTheFileOfAnEntryAbandonedLongerThanItsLifetime()
    {
        var applicant = A.Applicant().Build();
        await app.Database.SeedAsync(applicant);
        var store = new LocalFileStore(Path.Combine(app.DataFolder, "files"));
        var stored = Guid.NewGuid().ToString("N") + ".pdf";
        await store.SaveAsync(stored, new MemoryStream(TestFiles.Pdf()), Ct);
        var attachment = new Attachment
        {
            Id = Guid.NewGuid(), OwnerApplicantId = applicant.Id, DraftId = Guid.NewGuid(), Kind = AttachmentKind.Document, OriginalFileName = "旅券.pdf",
            StoredName = stored, ContentType = AttachmentInspector.PdfContentType, Length = 1, Sha256 = "00", UploadedAt = app.Clock.UtcNow - Attachments.DraftLifetime - TimeSpan.FromHours(1),
        };
        await app.Database.SeedAsync(attachment);
        var scheduler = await SchedulerAsync();

        await scheduler.TriggerJob(new JobKey(RasensJobs.NameOf<DraftAttachmentCleanupJob>()), Ct);

        // The purge commits the rows' deletion first and deletes the bytes after: wait for both.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync(attachment.Id) > 0 || await StoredAsync(store, stored))
        {
            Assert.True(DateTime.UtcNow < deadline, "The cleanup job did not delete the abandoned file within 20 s.");
            await Task.Delay(50, Ct);
        }

        Assert.Equal(0, await CountAsync(attachment.Id));
        Assert.Null(await store.OpenReadAsync(stored, Ct));
    }

    private async Task<IScheduler> SchedulerAsync()
    {
        app.Browser().Dispose(); // the host runs once a client was made
        return await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
    }

    private async Task<int> CountAsync(Guid id)
    {
        await using var db = app.Database.CreateContext();
        return await db.Attachments.CountAsync(a => a.Id == id, Ct);
    }

    private static async Task<bool> StoredAsync(LocalFileStore store, string name)
    {
        await using var content = await store.OpenReadAsync(name, Ct);
        return content is not null;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed class DraftAttachmentCleanupJobTests_Sqlite(PortalOnSqlite app) : DraftAttachmentCleanupJobTests<PortalOnSqlite>(app), IClassFixture<PortalOnSqlite>;

public sealed class DraftAttachmentCleanupJobTests_Postgres(PortalOnPostgres app) : DraftAttachmentCleanupJobTests<PortalOnPostgres>(app), IClassFixture<PortalOnPostgres>;
