using System.Diagnostics;
using System.Text.Json;
using static System.FormattableString;

namespace BatchOrders.Fuzzing;

/// <summary>
/// Runs a campaign: worker processes (<see cref="WorkerProcess"/>) read input after input — generated from the seed, or
/// the files given — each within the time and memory budgets; an escaped exception, a budget overrun, a dead worker, a
/// non-deterministic reading or a failed what-if is a failure, saved with its seed and index so it can be made again.
/// </summary>
internal sealed class FuzzCampaign(FuzzSettings settings, TextWriter log)
{

    // How long a worker that uses no processor time may leave an input unanswered: far past any machine's load.
    private static readonly TimeSpan NeverAnswered = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly FuzzReport _report = new();
    private readonly Lazy<InputGenerator> _generator = new(() => new InputGenerator(SeedCorpus.Load(settings.RepositoryRoot, settings.SeedFolders), settings.Seed));
    private int _next = settings.FirstIndex - 1;

    /// <summary>Runs the campaign; every outcome is also written, one JSON line each, to outcomes.jsonl beside the findings.</summary>
    public async Task<FuzzReport> RunAsync()
    {
        Directory.CreateDirectory(settings.WorkFolder);
        Directory.CreateDirectory(settings.FindingsFolder);
        await using var outcomes = new StreamWriter(Path.Combine(settings.FindingsFolder, "..", "outcomes.jsonl"), append: false);
        var clock = Stopwatch.StartNew();
        var deadline = settings.Duration is { } duration ? DateTime.UtcNow + duration : DateTime.MaxValue;
        var workers = Enumerable.Range(0, settings.Workers).Select(w => Task.Run(() => WorkAsync(w, deadline, outcomes))).ToList();
        var all = Task.WhenAll(workers);
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))) != all)
        {
            log.WriteLine(Invariant($"  {clock.Elapsed.TotalSeconds:N0} s: {_report.Inputs:N0} inputs, {_report.Failures.Count} failures"));
        }

        await all;
        _report.Elapsed = clock.Elapsed;
        _report.Write(log, settings);
        if (_report.Failures.Count > 0)
        {
            log.WriteLine($"Failing inputs are in {settings.FindingsFolder}, each with a .json saying how it failed and how to make it again.");
        }

        return _report;
    }

    private async Task WorkAsync(int number, DateTime deadline, StreamWriter outcomes)
    {
        var folder = Path.Combine(settings.WorkFolder, Invariant($"w{number}"));
        WorkerProcess? worker = null;
        try
        {
            while (Next(deadline) is { } index)
            {
                var file = settings.Files?[index];
                var flags = Flags(index);
                FuzzInput? input = null;
                var path = file;
                if (path is null)
                {
                    // The input is made here, not in the worker, whose memory must be the reading's alone.
                    input = _generator.Value.Generate(index);
                    Directory.CreateDirectory(folder);
                    path = Path.Combine(folder, "input" + input.Extension);
                    File.WriteAllBytes(path, input.Bytes);
                }

                var command = Invariant($"read {flags} {(file is null ? index : -1)} {path}");
                var readings = 1 + (flags.Contains('r', StringComparison.Ordinal) ? 1 : 0) + (flags.Contains('c', StringComparison.Ordinal) ? 1 : 0);
                var budget = settings.TimeBudget * readings;
                worker ??= WorkerProcess.Start(settings);
                string? ended = null;
                var clock = Stopwatch.StartNew();
                // The worker's own processor time judges the time budget; this wait only ends a worker that never
                // answers (with room for a new worker's first, unoptimised steps).
                var outcome = await worker.AskAsync(command, budget * 2 + TimeSpan.FromSeconds(30), NeverAnswered, settings.MemoryBudgetBytes * 2, reason => ended = reason);
                if (outcome is null)
                {
                    worker.Dispose();
                    worker = null;
                    var kind = ended!.StartsWith("memory", StringComparison.Ordinal) ? FuzzOutcomeKind.MemoryBudget
                        : ended.StartsWith("time", StringComparison.Ordinal) ? FuzzOutcomeKind.TimeBudget
                        : FuzzOutcomeKind.Crashed;
                    outcome = new FuzzOutcome(file is null ? index : -1, file ?? "(generated)", kind, ended, null, clock.ElapsedMilliseconds, 0, 0);
                }
                else
                {
                    outcome = Judge(outcome, budget);
                }

                if (input is not null)
                {
                    outcome = outcome with { Recipe = input.Recipe };
                    File.Delete(path);
                }

                _report.Add(outcome);
                lock (outcomes)
                {
                    outcomes.WriteLine(JsonSerializer.Serialize(outcome));
                }

                if (outcome.Failed)
                {
                    Save(outcome, file is null ? index : null);
                }
            }
        }
        finally
        {
            worker?.Dispose();
        }
    }

    private FuzzOutcome Judge(FuzzOutcome outcome, TimeSpan budget)
    {
        if (outcome.Kind == FuzzOutcomeKind.Escaped && outcome.Detail.StartsWith("System.OutOfMemoryException", StringComparison.Ordinal))
        {
            return outcome with { Kind = FuzzOutcomeKind.MemoryBudget };
        }

        if (outcome.CpuMilliseconds > budget.TotalMilliseconds)
        {
            return outcome with { Kind = FuzzOutcomeKind.TimeBudget, Detail = Invariant($"{outcome.CpuMilliseconds:N0} ms of processor time ({outcome.Milliseconds:N0} ms wall), past the budget of {budget.TotalMilliseconds:N0} ms ({outcome.Kind}: {outcome.Detail})") };
        }

        return outcome.PeakBytes > settings.MemoryBudgetBytes
            ? outcome with { Kind = FuzzOutcomeKind.MemoryBudget, Detail = Invariant($"{outcome.PeakBytes / (1024 * 1024):N0} MiB peak, past the budget of {settings.MemoryBudgetBytes / (1024 * 1024):N0} MiB ({outcome.Kind}: {outcome.Detail})") }
            : outcome;
    }

    private int? Next(DateTime deadline)
    {
        var index = Interlocked.Increment(ref _next);
        var end = settings.Files is { } files ? files.Count : (long)settings.FirstIndex + settings.Inputs;
        return index < end && DateTime.UtcNow < deadline ? index : null;
    }

    private string Flags(int index)
    {
        var flags = (index % settings.ReadTwiceEvery == 0 ? "r" : string.Empty) + (index % settings.CliEvery == 0 ? "c" : string.Empty);
        return flags.Length == 0 ? "-" : flags;
    }

    private void Save(FuzzOutcome outcome, int? index)
    {
        var name = Invariant($"{outcome.Kind}-{settings.Seed}-{index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Path.GetFileNameWithoutExtension(outcome.Recipe)}");
        var recipe = outcome.Recipe;
        if (index is { } generated)
        {
            var input = _generator.Value.Generate(generated);
            recipe = input.Recipe;
            File.WriteAllBytes(Path.Combine(settings.FindingsFolder, name + input.Extension), input.Bytes);
        }

        var finding = new
        {
            seed = settings.Seed,
            index,
            recipe,
            outcome = outcome.Kind.ToString(),
            detail = outcome.Detail,
            milliseconds = outcome.Milliseconds,
            processorMilliseconds = outcome.CpuMilliseconds,
            peakMiB = outcome.PeakBytes / (1024 * 1024),
            replay = index is null ? null : Invariant($"./run.sh fuzz --seed {settings.Seed} --replay {index}") + string.Concat(settings.SeedFolders.Select(f => $" --seeds {f}")),
        };
        File.WriteAllText(Path.Combine(settings.FindingsFolder, name + ".json"), JsonSerializer.Serialize(finding, Indented));
    }
}
