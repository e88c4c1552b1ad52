using System.Globalization;
using BatchOrders.Benchmarks;
using BatchOrders.Benchmarks.Chaos;
using BatchOrders.Benchmarks.Suites;

// dotnet run -c Release --project bench/BatchOrders.Benchmarks -- [--quick] [--seed N] [--data DIR] [suite ...]
// With no suite named, every suite runs. "chaos [--quick] [--seed N|random] [--orders N] [--kills N] [--cli DLL]" runs the
// chaos harness instead (see ChaosHarness). "--fingerprint DUMP [FILE ...]" dumps what reading and planning produce
// (see Fingerprint) to check that a performance change kept the behaviour. "--child SUITE CASE" is how the runner starts one case in its own process.
IBenchmarkSuite[] suites = [new ReadingSuite(), new SubmissionSuite(), new PreflightSuite(), new ResumeSuite(), new ResultsSuite()];

if (args.Length > 0 && args[0] == "chaos")
{
    return await ChaosCommand.RunAsync(args[1..]);
}

var quick = false;
var seed = 20_251_125;
var data = InputGenerator.DefaultFolder;
string? childSuite = null;
string? childCase = null;
string? fingerprintDump = null;
var chosen = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--seed" when i + 1 < args.Length:
            seed = int.Parse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture);
            break;
        case "--data" when i + 1 < args.Length:
            data = Path.GetFullPath(args[++i]);
            break;
        case "--fingerprint" when i + 1 < args.Length:
            fingerprintDump = Path.GetFullPath(args[++i]);
            break;
        case var file when fingerprintDump is not null && File.Exists(file):
            chosen.Add(Path.GetFullPath(file));
            break;
        case "--child" when i + 2 < args.Length:
            childSuite = args[++i];
            childCase = args[++i];
            break;
        case var name when suites.Any(s => s.Name == name):
            chosen.Add(name);
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
            Console.Error.WriteLine($"Usage: BatchOrders.Benchmarks [--quick] [--seed N] [--data DIR] [{string.Join('|', suites.Select(s => s.Name))} ...]");
            return 2;
    }
}

var settings = new BenchSettings(quick, seed, data);
var runner = new BenchmarkRunner(settings);
if (fingerprintDump is not null)
{
    return Fingerprint.Run(settings, fingerprintDump, chosen);
}

if (childSuite is not null)
{
    return runner.RunCase(suites.Single(s => s.Name == childSuite), childCase!);
}

var selected = chosen.Count == 0 ? suites : [.. suites.Where(s => chosen.Contains(s.Name))];
return runner.RunSuites(selected, Path.Combine(BenchPaths.RepositoryRoot(), "bench", "results"));
