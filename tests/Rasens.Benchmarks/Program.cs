using System.Globalization;
using Rasens.Benchmarks;
using Rasens.Data.Hosting;

// The benchmark's data side (issue 5, "Performance"); ./bench.sh drives it and measures with wrk.
//   seed    --provider Sqlite|PostgreSQL --connection "..." [--cases 1000000]
//   targets --provider ... --connection "..."      the paths to measure, one "name<TAB>path<TAB>rows" a line
//   plans   --provider ... --connection "..." [--out plans.md]   the query plans of what those pages run
//   live    --provider ... --connection "..." --portal URL --workbench URL [--changes 100] [--clients 1]
//           commit-to-browser latency of issue 6: one markdown table row on standard output
try
{
    if (args.Length == 0 || args[0] is not ("seed" or "targets" or "plans" or "live"))
    {
        await Console.Error.WriteLineAsync("usage: Rasens.Benchmarks seed|targets|plans|live --provider Sqlite|PostgreSQL --connection \"...\" [--cases N] [--out FILE] [--portal URL --workbench URL --changes N --clients K]");
        return 64;
    }

    var options = Arguments.Parse(args.AsSpan(1));
    var database = new DatabaseSettings(
        options.Provider("provider"),
        options.Required("connection"));
    switch (args[0])
    {
        case "seed":
            await new Seeder(database, Console.Out).RunAsync(options.Int("cases", 1_000_000));
            break;
        case "targets":
            foreach (var target in await Targets.FindAsync(database))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target.Name}\t{target.Path}\t{target.Rows}"));
            }

            break;
        case "plans":
            var report = await Plans.ReportAsync(database, await Targets.FindAsync(database));
            if (options.Optional("out") is { } file)
            {
                await File.WriteAllTextAsync(file, report);
            }
            else
            {
                Console.Write(report);
            }

            break;
        case "live":
            var row = await LiveLatency.RunAsync(
                database,
                new Uri(options.Required("portal")),
                new Uri(options.Required("workbench")),
                options.Int("changes", 100),
                options.Int("clients", 1),
                Console.Error);
            Console.WriteLine(row);
            break;
    }

    return 0;
}
catch (BenchmarkException ex)
{
    await Console.Error.WriteLineAsync($"Rasens.Benchmarks: {ex.Message}");
    return 1;
}
