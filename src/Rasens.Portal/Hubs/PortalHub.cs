using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Rasens.Data.Events;
using Rasens.Web.Live;

namespace Rasens.Portal.Hubs;

/// <summary>
/// Live updates for one applicant (issue 6). The server alone decides what a connection hears: it is signed in
/// as one applicant and receives only that applicant's own cases' events (<see cref="LiveMessages.ForApplicant"/>).
/// </summary>
[Authorize]
public sealed class PortalHub(LiveConnections connections, EventFeed feed, IHubContext<PortalHub> hub) : LiveHub<PortalHub>(connections, feed, hub)
{
    public static string GroupOf(Guid applicantId) => $"applicant:{applicantId:N}";

    public override async Task OnConnectedAsync()
    {
        if (!Guid.TryParse(Context.User?.FindFirstValue(ClaimTypes.NameIdentifier), out var applicantId))
        {
            Context.Abort();
            return;
        }

        // The group carries the card reader's signal (UsageRequest); case events go connection by connection.
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(applicantId));
        Listen(e => LiveMessages.ForApplicant(e, applicantId), LiveMessages.ToApplicant);
        await base.OnConnectedAsync();
    }
}
