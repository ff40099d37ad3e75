using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rasens.Testing;

/// <summary>Debian's poppler-utils (installed by ./test.sh) for what PdfPig cannot do: list fonts (pdffonts), render pages (pdftoppm).</summary>
public static class Poppler
{
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
