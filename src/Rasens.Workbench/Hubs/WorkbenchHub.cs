using Microsoft.AspNetCore.SignalR;
using Rasens.Data.Events;
using Rasens.Web.Live;
using Rasens.Workbench.Infrastructure;

namespace Rasens.Workbench.Hubs;

/// <summary>
/// Live updates for examiners and supervisors (issue 6): every case event, so queues, counts and case pages stay
/// current and a member of staff hears at once when a case of theirs is reassigned. Only staff who may work cases
/// connect.
/// </summary>
[Authorize(Policy = StaffIdentity.CaseWorkPolicy)]
public sealed class WorkbenchHub(LiveConnections connections, EventFeed feed, IHubContext<WorkbenchHub> hub) : LiveHub<WorkbenchHub>(connections, feed, hub)
{
    public override Task OnConnectedAsync()
    {
        Listen(_ => true, LiveMessages.ToStaff);
        return base.OnConnectedAsync();
    }
}
