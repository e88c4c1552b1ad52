using System.Globalization;

namespace BatchOrders.Fuzzing;

/// <summary>
/// <c>fuzz [--quick] [--seed N|random] [--minutes M] [--inputs N] [--workers N] [--first N] [--replay N]
/// [--time-budget S] [--memory-budget MB] [--out DIR] [--seeds DIR] [--files PATH ...]</c>: a campaign, exit 0 when no input failed.
/// Without --quick, --minutes or --inputs it runs for 10 minutes; --quick is the CI campaign (2,000 inputs).
/// </summary>
internal static class FuzzCommand
{
    private const string Usage =
        "Usage: ./run.sh fuzz [--quick] [--seed N|random] [--minutes M] [--inputs N] [--workers N] [--first N] [--replay N] [--time-budget S] [--memory-budget MB] [--out DIR] [--seeds DIR] [--files PATH ...] [--verbose]";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        var seed = FuzzSettings.DefaultSeed;
        var quick = false;
        var verbose = false;
        int? inputs = null;
        double? minutes = null;
        int? workers = null;
        int? replay = null;
        var first = 0;
        double? timeBudget = null;
        long? memoryBudget = null;
        string? output = null;
        List<string>? files = null;
        var seedFolders = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--seed" when i + 1 < args.Length:
                    seed = args[++i] == "random" ? Random.Shared.NextInt64(1, long.MaxValue) : long.Parse(args[i], CultureInfo.InvariantCulture);
                    break;
                case "--minutes" when i + 1 < args.Length:
                    minutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--inputs" when i + 1 < args.Length:
                    inputs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--workers" when i + 1 < args.Length:
                    workers = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--first" when i + 1 < args.Length:
                    first = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--replay" when i + 1 < args.Length:
                    replay = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--time-budget" when i + 1 < args.Length:
                    timeBudget = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--memory-budget" when i + 1 < args.Length:
                    memoryBudget = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--seeds" when i + 1 < args.Length:
                    seedFolders.Add(Path.GetFullPath(args[++i]));
                    break;
                case "--files":
                    files = [];
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        var path = Path.GetFullPath(args[++i]);
                        files.AddRange(Directory.Exists(path) ? Directory.GetFiles(path).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal) : [path]);
                    }

                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        var folder = output ?? Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"batchorders-fuzz-{seed}"));
        var settings = FuzzSettings.Ci(root, folder) with
        {
            Seed = seed,
            Inputs = replay is null ? inputs ?? (quick ? FuzzSettings.Ci(root, folder).Inputs : int.MaxValue) : 1,
            FirstIndex = replay ?? first,
            Duration = replay is null && !quick && inputs is null ? TimeSpan.FromMinutes(minutes ?? 10) : minutes is { } m ? TimeSpan.FromMinutes(m) : null,
            Workers = workers ?? (replay is null ? Math.Max(1, Environment.ProcessorCount - 1) : 1),
            TimeBudget = timeBudget is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(10),
            MemoryBudgetBytes = (memoryBudget ?? 1024) * 1024 * 1024,
            ReadTwiceEvery = replay is null ? 4 : 1,
            CliEvery = replay is null ? 10 : 1,
            Files = files,
            SeedFolders = seedFolders,
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fuzzing the reader: seed {settings.Seed}, {(settings.Files is { } list ? $"{list.Count} files" : settings.Duration is { } d ? $"{d.TotalMinutes:0.#} minutes" : $"{settings.Inputs:N0} inputs from #{settings.FirstIndex}")}, {settings.Workers} workers, budgets {settings.TimeBudget.TotalSeconds:0} s and {settings.MemoryBudgetBytes / (1024 * 1024)} MiB per input; findings in {settings.FindingsFolder}"));
        var report = await new FuzzCampaign(settings, Console.Out).RunAsync();
        if (verbose)
        {
            Console.WriteLine("outcomes by the last mutation applied:");
            report.WriteByMutation(Console.Out);
        }

        return report.Passed ? 0 : 1;
    }
}
