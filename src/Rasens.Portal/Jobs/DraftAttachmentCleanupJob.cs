using Rasens.Data.Jobs;

namespace Rasens.Portal.Jobs;

/// <summary>
/// Files attached to forms that were never applied for belong to no case; after <see cref="Attachments.DraftLifetime"/>
/// they are deleted, rows and bytes (hourly by default, <c>Rasens:Jobs:DraftAttachmentCleanup</c>).
/// </summary>
public sealed class DraftAttachmentCleanupJob(Attachments attachments, ILogger<DraftAttachmentCleanupJob> logger) : RasensJob(logger)
{
    protected override Task<int> RunAsync(CancellationToken cancellationToken) => attachments.PurgeAbandonedDraftsAsync(cancellationToken);
}
