using Microsoft.Extensions.Logging;
using Rasens.Data.Messaging;

namespace Rasens.Data.Jobs;

/// <summary>
/// Sends the e-mails that are due (Messaging/README.md), every <see cref="EmailOptions.PollInterval"/> (2 s); a run
/// goes on while whole batches go out, so a backlog drains in one run. On PostgreSQL one instance of an app runs each
/// firing; the leases in <see cref="EmailOutboxSender"/> keep any overlap between the two apps (or a RAM-store
/// instance) from sending an e-mail twice.
/// </summary>
public sealed class EmailOutboxJob(EmailOutboxSender sender, ILogger<EmailOutboxJob> logger) : RasensJob(logger)
{
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int sent;
        do
        {
            sent = await sender.SendDueAsync(cancellationToken);
            total += sent;
        }
        while (sent == EmailOutboxSender.Batch && !cancellationToken.IsCancellationRequested);

        return total;
    }
}
