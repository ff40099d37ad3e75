using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Rasens.Testing;

/// <summary>The SignalR .NET client, connected as a signed-in browser is: over WebSockets, with the app's sign-in cookie.</summary>
public static class LiveHub
{
    /// <summary>A connection to <paramref name="hub"/> that sends <paramref name="cookie"/>; register handlers, then start it.</summary>
    public static HubConnection Connection(Uri hub, string cookie) =>
        new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
}
