using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;

namespace Rasens.Data.Hosting;

/// <summary>
/// The common life of both apps: build, prepare the database (scripts, reference and demo data),
/// then serve, or with the argument <c>migrate</c> stop after preparing. Problems with configuration
/// or the environment end the process with one sentence on stderr and exit code 2, not a stack trace.
/// </summary>
public static class RasensHost
{
    public static async Task<int> RunAsync(string appTitle, string[] args, Func<string[], WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var app = build(args);
            await app.Services.PrepareRasensDataAsync();
            if (args.Contains("migrate", StringComparer.Ordinal))
            {
                await Console.Out.WriteLineAsync($"{appTitle}: database is up to date.");
                return 0;
            }

            await app.RunAsync();
            return 0;
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"{appTitle} cannot start: {ex.Message}");
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"{appTitle} cannot start: {ex.Message} Another program is using the port; set --urls to a free one.");
            return 2;
        }
    }
}
