using Microsoft.Extensions.Logging;
using Rasens.Data.Events;

namespace Rasens.Data.Jobs;

/// <summary>Deletes events older than <see cref="LiveOptions.Retention"/> from the event outbox (Events/README.md).</summary>
public sealed class EventHousekeepingJob(EventFeed feed, LiveOptions options, TimeProvider clock, ILogger<EventHousekeepingJob> logger) : RasensJob(logger)
{
    protected override Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return feed.PruneAsync(now - options.Retention, now, cancellationToken);
    }
}
