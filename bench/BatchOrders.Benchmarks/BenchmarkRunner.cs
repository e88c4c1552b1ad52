using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchOrders.Benchmarks;

/// <summary>
/// Runs every case of the chosen suites, each in a child process of its own (a fresh heap, a peak resident set
/// of its own), then prints one table of all cases side by side with the ratios and writes the same figures as JSON,
/// one file of record per suite and mode (<c>reading-full.json</c>, <c>submission-quick.json</c>, …).
/// </summary>
internal sealed class BenchmarkRunner
{
    private const string ResultMarker = "BENCH-RESULT ";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly BenchSettings _settings;

    public BenchmarkRunner(BenchSettings settings) => _settings = settings;

    /// <summary>Parent: measures the suites and reports. Returns the exit code.</summary>
    public int RunSuites(IReadOnlyList<IBenchmarkSuite> suites, string resultsFolder)
    {
        var report = new List<SuiteReport>();
        var allMet = true;
        foreach (var suite in suites)
        {
            Console.Error.WriteLine($"[{suite.Name}] preparing inputs in {_settings.DataFolder} …");
            var cases = suite.Cases(_settings);
            var results = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
            foreach (var benchmarkCase in cases)
            {
                Console.Error.WriteLine($"[{suite.Name}] {benchmarkCase.Name}: {benchmarkCase.Description} …");
                var result = RunChild(suite.Name, benchmarkCase);
                results[benchmarkCase.Name] = result;
                Console.Error.WriteLine(
                    $"[{suite.Name}] {benchmarkCase.Name}: {result.MedianMs:N0} ms, {result.ItemsPerSecond:N0}/s, peak {Mib(result.PeakRssBytes)} MiB");
            }

            var comparisons = suite.Compare(results);
            allMet &= comparisons.All(c => c.Met);
            report.Add(new SuiteReport(suite.Name, [.. cases.Select(c => results[c.Name])], comparisons));
        }

        var mode = _settings.Quick ? "quick" : "full";
        var document = new RunReport(
            DateTimeOffset.UtcNow,
            mode,
            _settings.Seed,
            _settings.Iterations,
            "peak resident set (VmHWM from /proc/self/status) of a child process per case",
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
                GCSettings().Server ? "server" : "workstation", GCSettings().Concurrent),
            report);

        Print(document);
        Directory.CreateDirectory(resultsFolder);
        Console.WriteLine();
        foreach (var suite in report)
        {
            var path = Path.Combine(resultsFolder, $"{suite.Name}-{mode}.json");
            File.WriteAllText(path, JsonSerializer.Serialize(document with { Suites = [suite] }, Json) + "\n");
            Console.WriteLine($"Figures written to {path}");
        }

        return allMet ? 0 : 1;
    }

    /// <summary>Child: measures one case and writes its result as one JSON line on standard output.</summary>
    public int RunCase(IBenchmarkSuite suite, string caseName)
    {
        var benchmarkCase = suite.Cases(_settings).FirstOrDefault(c => c.Name == caseName)
            ?? throw new ArgumentException($"Suite {suite.Name} has no case {caseName}.", nameof(caseName));

        // Twice, then a pause: tiered compilation promotes hot methods on a background thread, so without it a
        // short measured run would still be partly in unoptimised code.
        benchmarkCase.WarmUp(new PhaseClock());
        benchmarkCase.WarmUp(new PhaseClock());
        Thread.Sleep(TimeSpan.FromSeconds(1));

        var times = new List<double>();
        var clocks = new List<PhaseClock>();
        long items = 0;
        long allocated = 0;
        var pause = TimeSpan.Zero;
        int[] collections = [];
        long startRss = 0;
        var iterations = benchmarkCase.Iterations ?? _settings.Iterations;
        for (var i = 0; i < iterations; i++)
        {
            FullCollect();
            if (i == 0)
            {
                startRss = ProcessMemory.ResidentBytes();
            }

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pauseBefore = GC.GetTotalPauseDuration();
            int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var clock = new PhaseClock();
            var watch = Stopwatch.StartNew();
            items = benchmarkCase.Run(clock);
            watch.Stop();
            if (i == 0)
            {
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                pause = GC.GetTotalPauseDuration() - pauseBefore;
                collections = [.. collectionsBefore.Select((count, generation) => GC.CollectionCount(generation) - count)];
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            clocks.Add(clock);
        }

        var order = Enumerable.Range(0, times.Count).OrderBy(i => times[i]).ToList();
        var median = order[order.Count / 2];
        var result = new CaseResult(
            suite.Name,
            benchmarkCase.Name,
            benchmarkCase.Description,
            Path.GetFileName(benchmarkCase.Input),
            items,
            times[median],
            times[order[0]],
            times,
            items / (times[median] / 1000),
            ProcessMemory.PeakResidentBytes(),
            startRss,
            allocated,
            pause.TotalMilliseconds,
            collections,
            clocks[median].Phases.ToDictionary(p => p.Key, p => p.Value),
            clocks[median].Figures.Count == 0 ? null : clocks[median].Figures.ToDictionary(p => p.Key, p => p.Value));
        Console.WriteLine(ResultMarker + JsonSerializer.Serialize(result, Json).ReplaceLineEndings(" "));
        return 0;
    }

    private CaseResult RunChild(string suite, BenchmarkCase benchmarkCase)
    {
        var caseName = benchmarkCase.Name;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in benchmarkCase.ChildEnvironment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchmarkRunner).Assembly.Location);
        }

        foreach (var argument in (string[])["--child", suite, caseName, "--seed", _settings.Seed.ToString(CultureInfo.InvariantCulture), "--data", _settings.DataFolder])
        {
            start.ArgumentList.Add(argument);
        }

        if (_settings.Quick)
        {
            start.ArgumentList.Add("--quick");
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The benchmark child process did not start.");
        string? resultLine = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(ResultMarker, StringComparison.Ordinal))
            {
                resultLine = line[ResultMarker.Length..];
            }
            else
            {
                Console.Error.WriteLine($"    {line}");
            }
        }

        child.WaitForExit();
        if (child.ExitCode != 0 || resultLine is null)
        {
            throw new InvalidOperationException($"Case {suite}/{caseName} failed (exit code {child.ExitCode}); its output is above.");
        }

        return JsonSerializer.Deserialize<CaseResult>(resultLine, Json)
            ?? throw new InvalidOperationException($"Case {suite}/{caseName} wrote no result.");
    }

    private static void FullCollect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static (bool Server, bool Concurrent) GCSettings() =>
        (System.Runtime.GCSettings.IsServerGC, System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch);

    private static void Print(RunReport report)
    {
        Console.WriteLine();
        Console.WriteLine($"BatchOrders benchmarks — {report.Mode} mode, seed {report.Seed}, median of {report.Iterations} after a warm-up; " +
                          $"{report.Machine.Cores} cores, {report.Machine.Runtime}, {report.Machine.Gc} GC");
        Console.WriteLine($"Peak memory: {report.PeakMemoryMethod}.");
        foreach (var suite in report.Suites)
        {
            Console.WriteLine();
            var header = new[] { "case", "input", "items", "median ms", "items/s", "peak RSS MiB", "start RSS MiB", "allocated MiB", "GC pause ms", "GCs 0/1/2", "phases (ms)" };
            var rows = suite.Cases.Select(c => new[]
            {
                c.Name,
                c.Input,
                c.Items.ToString("N0", CultureInfo.InvariantCulture),
                c.MedianMs.ToString("N0", CultureInfo.InvariantCulture),
                c.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                Mib(c.PeakRssBytes),
                Mib(c.StartRssBytes),
                Mib(c.AllocatedBytes),
                c.GcPauseMs.ToString("N0", CultureInfo.InvariantCulture),
                string.Join('/', c.Collections),
                string.Join(", ", c.PhaseMs.Select(p => $"{p.Key} {p.Value.ToString("N0", CultureInfo.InvariantCulture)}")),
            }).ToList();
            var figures = suite.Cases.Where(c => c.Figures is { Count: > 0 }).ToList();
            Console.WriteLine($"[{suite.Name}]");
            PrintTable(header, rows);
            if (figures.Count > 0)
            {
                Console.WriteLine();
                PrintTable(
                    ["case", "figures"],
                    [.. figures.Select(c => new[] { c.Name, string.Join(", ", c.Figures!.Select(f => $"{f.Key} {Figure(f.Value)}")) })]);
            }
            if (suite.Comparisons.Count > 0)
            {
                Console.WriteLine();
                PrintTable(
                    ["ratio", "value", "target", "met"],
                    [.. suite.Comparisons.Select(c => new[] { c.Name, $"{c.Value.ToString("N2", CultureInfo.InvariantCulture)}{c.Unit}", c.Target, c.Met ? "yes" : "NO" })]);
            }
        }
    }

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(Line(header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }

        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => i is 0 or 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
    }

    private static string Figure(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Floor(value) ? "N0" : "N2", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    private sealed record RunReport(
        DateTimeOffset GeneratedAt,
        string Mode,
        int Seed,
        int Iterations,
        string PeakMemoryMethod,
        MachineInfo Machine,
        IReadOnlyList<SuiteReport> Suites);

    private sealed record MachineInfo(int Cores, string Os, string Runtime, string Gc, bool ConcurrentGc);

    private sealed record SuiteReport(string Name, IReadOnlyList<CaseResult> Cases, IReadOnlyList<Comparison> Comparisons);
}
