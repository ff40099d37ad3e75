using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Rasens.Portal.Hubs;

/// <summary>
/// Live updates for one applicant. The server alone decides membership: every connection joins the group
/// of the applicant it is signed in as, and the hub offers no method a client could use to join another.
/// </summary>
[Authorize]
public sealed class PortalHub : Hub
{
    public static string GroupOf(Guid applicantId) => $"applicant:{applicantId:N}";

    public override async Task OnConnectedAsync()
    {
        if (Guid.TryParse(Context.User?.FindFirstValue(ClaimTypes.NameIdentifier), out var applicantId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(applicantId));
        }

        await base.OnConnectedAsync();
    }
}
