using Rasens.Data.Applications;

namespace Rasens.Portal.Jobs;

/// <summary>
/// Files attached to forms that were never applied for belong to no case; after
/// <see cref="Attachments.DraftLifetime"/> they are deleted, rows and bytes, once an hour.
/// </summary>
public sealed partial class DraftAttachmentCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DraftAttachmentCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<Attachments>().PurgeAbandonedDraftsAsync(stoppingToken);
                if (purged > 0)
                {
                    Purged(purged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next hour tries again; a failed sweep loses nothing.
                Failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} attachments of abandoned form entries.")]
    private partial void Purged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete attachments of abandoned form entries.")]
    private partial void Failed(Exception exception);
}
