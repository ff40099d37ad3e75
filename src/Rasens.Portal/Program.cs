using Rasens.Portal;

return await RasensHost.RunAsync("Rasens Portal", args, PortalApp.Build);
