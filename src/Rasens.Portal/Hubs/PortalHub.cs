using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rasens.Data.Events;

namespace Rasens.Portal.Hubs;

/// <summary>
/// Live updates for one applicant (issue 6). The server alone decides what a connection hears: it is signed in
/// as one applicant and receives only that applicant's own cases' events; the one method a client can call,
/// <see cref="Replay"/>, takes no applicant, only how far the client has got. The hub holds no rules: routing is
/// <see cref="LiveMessages.ForApplicant"/>, ordering and de-duplication <see cref="LiveConnections"/>.
/// </summary>
[Authorize]
public sealed class PortalHub(LiveConnections connections, EventFeed feed, IHubContext<PortalHub> hub) : Hub
{
    public const string EventsMethod = "events";

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
        var connectionId = Context.ConnectionId;
        connections.Add(connectionId, e => LiveMessages.ForApplicant(e, applicantId),
            (events, token) => hub.Clients.Client(connectionId).SendAsync(EventsMethod, events.Select(LiveMessages.ToApplicant).ToList(), token), Context.Abort);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Called after every (re)connection with the id of the last event the page has applied: everything since
    /// is sent, in order, then live events follow. False means the gap is too old to fill: refresh the page.
    /// </summary>
    public Task<bool> Replay(long afterId) => connections.ReplayAsync(Context.ConnectionId, afterId, feed, Context.ConnectionAborted);
}
