using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rasens.Testing;

/// <summary>Reads back PDFs the apps made with Debian's poppler-utils (installed by ./test.sh).</summary>
public static class Poppler
{
    /// <summary>The text of a PDF, as pdftotext -layout extracts it (UTF-8).</summary>
    public static async Task<string> TextAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Path.GetTempPath(), $"rasens-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, cancellationToken);
        try
        {
            return await RunAsync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"{tool} is not installed ({error.Message}); it comes with poppler-utils (./test.sh installs it).", error);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await errors}");
            }

            return await output;
        }
    }
}
