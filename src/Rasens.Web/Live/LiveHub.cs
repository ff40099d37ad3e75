using Microsoft.AspNetCore.SignalR;
using Rasens.Data.Events;

namespace Rasens.Web.Live;

/// <summary>
/// The hub both apps' live pages connect to (issue 6; the client is the shell's js/live.js). The app's hub says, as a
/// connection opens, what it may hear (<see cref="Listen"/>: from who is signed in, never from the client); the one
/// method a client can call is <see cref="Replay"/>, which takes only how far the client has got. No rules here:
/// routing is <see cref="LiveMessages"/>, ordering and de-duplication <see cref="LiveConnections"/>.
/// </summary>
public abstract class LiveHub<THub>(LiveConnections connections, EventFeed feed, IHubContext<THub> hub) : Hub
    where THub : LiveHub<THub>
{
    private const string EventsMethod = "events";

    /// <summary>
    /// Called after every (re)connection with the id of the last event the page has applied: everything since
    /// is sent, in order, then live events follow. False means the gap is too old to fill: refresh the page.
    /// </summary>
    public Task<bool> Replay(long afterId) => connections.ReplayAsync(Context.ConnectionId, afterId, feed, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Registers this connection for the events <paramref name="accepts"/> lets through, each sent as
    /// <paramref name="message"/> makes it (from its first Replay on); a failed send closes the connection.
    /// </summary>
    protected void Listen(Func<LiveEvent, bool> accepts, Func<LiveEvent, LiveMessage> message)
    {
        var connectionId = Context.ConnectionId;
        connections.Add(connectionId, accepts,
            (events, token) => hub.Clients.Client(connectionId).SendAsync(EventsMethod, events.Select(message).ToList(), token), Context.Abort);
    }
}
