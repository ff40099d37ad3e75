using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rasens.Data.Events;
using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Hubs;

/// <summary>
/// Live updates for examiners and supervisors (issue 6): every case event, so queues, counts and case pages stay
/// current and a member of staff hears at once when a case of theirs is reassigned. Only staff who may work cases
/// connect; the one client method is <see cref="Replay"/>. No rules here: see <see cref="LiveConnections"/>.
/// </summary>
[Authorize(Policy = StaffIdentity.CaseWorkPolicy)]
public sealed class WorkbenchHub(LiveConnections connections, EventFeed feed, IHubContext<WorkbenchHub> hub) : Hub
{
    public const string EventsMethod = "events";

    public override Task OnConnectedAsync()
    {
        var connectionId = Context.ConnectionId;
        connections.Add(connectionId, _ => true,
            (events, token) => hub.Clients.Client(connectionId).SendAsync(EventsMethod, events.Select(LiveMessages.ToStaff).ToList(), token), Context.Abort);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Everything after the last event the page has applied, then live events; false: refresh the page.</summary>
    public Task<bool> Replay(long afterId) => connections.ReplayAsync(Context.ConnectionId, afterId, feed, Context.ConnectionAborted);
}
