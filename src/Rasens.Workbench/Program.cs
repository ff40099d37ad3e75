using Rasens.Workbench;

return await RasensHost.RunAsync("Rasens Workbench", args, WorkbenchApp.Build);
