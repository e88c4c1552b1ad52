using System.Globalization;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary><c>chaos [--quick] [--seed N|random] [--orders N] [--kills N] [--cli DLL]</c>: parses the arguments and runs the harness.</summary>
internal static class ChaosCommand
{
    public const int DefaultSeed = 20_251_125;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = false;
        var seed = DefaultSeed;
        int? orders = null;
        int? kills = null;
        string? cli = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
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
                case "--cli" when i + 1 < args.Length:
                    cli = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    Console.Error.WriteLine("Usage: BatchOrders.Benchmarks chaos [--quick] [--seed N|random] [--orders N] [--kills N] [--cli BatchOrders.Cli.dll]");
                    return 2;
            }
        }

        var settings = quick ? ChaosSettings.Quick(seed, cli) : ChaosSettings.Full(seed, cli);
        settings = settings with { Orders = orders ?? settings.Orders, Kills = kills ?? settings.Kills };
        return await new ChaosHarness(settings).RunAsync();
    }
}
