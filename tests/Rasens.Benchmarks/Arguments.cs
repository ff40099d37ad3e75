using System.Globalization;
using Rasens.Data.Hosting;

namespace Rasens.Benchmarks;

/// <summary>A problem the benchmark reports as one sentence and a non-zero exit code.</summary>
public sealed class BenchmarkException(string message) : Exception(message);

/// <summary>"--name value" pairs; nothing more is needed, so no command-line package.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchmarkException($"Expected \"--name value\", found \"{args[i]}\".");
            }

            parsed._values[args[i][2..]] = args[++i];
        }

        return parsed;
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Optional(name) ?? throw new BenchmarkException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Optional(name) is not { } text ? fallback
        : int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new BenchmarkException($"--{name} must be a positive whole number.");

    public DatabaseProvider Provider(string name) => Required(name).ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" => DatabaseProvider.PostgreSql,
        var other => throw new BenchmarkException($"--{name} {other}: use Sqlite or PostgreSQL."),
    };
}
