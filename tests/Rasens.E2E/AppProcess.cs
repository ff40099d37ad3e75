using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rasens.E2E;

/// <summary>One of the apps as a real process on a free loopback port, as ./run.sh starts it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rasens.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Rasens.sln not found above the test folder.");
    }

    /// <summary>The built app, in the same configuration as these tests.</summary>
    public static (string ProjectDir, string Dll) Locate(string app)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        var projectDir = Path.Combine(RepositoryRoot(), "src", app);
        var dll = Path.Combine(projectDir, "bin", configuration, "net10.0", app + ".dll");
        return File.Exists(dll) ? (projectDir, dll) : throw new FileNotFoundException($"Build {app} first.", dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs the app with arguments and waits for it to exit (e.g. "migrate", or a bad configuration).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(string app, params string[] args)
    {
        var (projectDir, dll) = Locate(app);
        using var process = Process.Start(Info(projectDir, dll, args)) ?? throw new InvalidOperationException("Could not start " + app);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the app on a free port and waits until /health answers 200.</summary>
    public static Task<AppProcess> StartAsync(string app, params string[] args) => StartAsync(app, FreePort(), args);

    /// <summary>Starts the app on <paramref name="port"/> (when its own address must be known beforehand).</summary>
    public static async Task<AppProcess> StartAsync(string app, int port, params string[] args)
    {
        var (projectDir, dll) = Locate(app);
        var baseUrl = $"http://127.0.0.1:{port}";
        var process = Process.Start(Info(projectDir, dll, [.. args, "--urls", baseUrl])) ?? throw new InvalidOperationException("Could not start " + app);
        var started = new AppProcess(process, baseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{app} exited with {process.ExitCode}:\n{started.Output}");
            }

            try
            {
                if ((await http.GetAsync(baseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return started;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first request
            }

            await Task.Delay(250);
        }

        await started.DisposeAsync();
        throw new TimeoutException($"{app} did not become healthy:\n{started.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Info(string projectDir, string dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
