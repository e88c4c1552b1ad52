using System.Globalization;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// <c>chaos [--quick] [--plain] [--seed N|random] [--orders N] [--kills N] [--restarts N] [--cli DLL]</c>: parses the
/// arguments and runs the harness; exit 0 when every order was created exactly once and the run kept to its plan.
/// </summary>
internal static class ChaosCommand
{
    public const int DefaultSeed = 20_251_125;

    private const string Usage =
        "Usage: BatchOrders.Benchmarks chaos [--quick] [--plain] [--seed N|random] [--orders N] [--kills N] [--restarts N] [--cli BatchOrders.Cli.dll]";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = false;
        var plain = false;
        var seed = DefaultSeed;
        int? orders = null;
        int? kills = null;
        int? restarts = null;
        string? cli = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--plain":
                    plain = true;
                    break;
                case "--seed" when i + 1 < args.Length:
                    seed = args[++i] == "random" ? Random.Shared.Next() : int.Parse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--orders" when i + 1 < args.Length:
                    orders = int.Parse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--kills" when i + 1 < args.Length:
                    kills = int.Parse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--restarts" when i + 1 < args.Length:
                    restarts = int.Parse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--cli" when i + 1 < args.Length:
                    cli = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        cli ??= Path.Combine(BenchPaths.RepositoryRoot(), "src", "BatchOrders.Cli", "bin", "Release", "net10.0", "BatchOrders.Cli.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"chaos: the CLI is not built ({cli}); run ./run.sh chaos, or pass --cli PATH.");
            return 2;
        }

        var settings = quick ? ChaosSettings.Quick(seed, cli) : ChaosSettings.Full(seed, cli);
        settings = settings with
        {
            Mixed = settings.Mixed && !plain,
            Orders = orders ?? settings.Orders,
            ProgressKills = kills ?? settings.ProgressKills,
            SandboxRestarts = restarts ?? settings.SandboxRestarts,
        };
        var report = await new ChaosHarness(settings, Console.Out).RunAsync();
        return report.Passed ? 0 : 1;
    }
}
