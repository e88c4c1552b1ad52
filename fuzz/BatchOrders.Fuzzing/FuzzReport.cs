using System.Globalization;
using static System.FormattableString;

namespace BatchOrders.Fuzzing;

/// <summary>A campaign's figures: inputs by outcome and by budget, failures, time, the slowest and the largest input.</summary>
internal sealed class FuzzReport
{
    private readonly object _gate = new();
    private readonly Dictionary<FuzzOutcomeKind, int> _byKind = [];
    private readonly Dictionary<string, int> _byBudget = new(StringComparer.Ordinal);
    private readonly List<FuzzOutcome> _failures = [];
    private readonly List<FuzzOutcome> _files = [];
    private readonly Dictionary<string, Dictionary<FuzzOutcomeKind, int>> _byMutation = new(StringComparer.Ordinal);

    public int Inputs { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public FuzzOutcome? Slowest { get; private set; }

    public FuzzOutcome? Largest { get; private set; }

    public IReadOnlyList<FuzzOutcome> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    public bool Passed => Failures.Count == 0;

    /// <summary>The outcome of each file checked as it is (not of generated inputs, which are only counted).</summary>
    public IReadOnlyList<FuzzOutcome> FileOutcomes
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    public int Count(FuzzOutcomeKind kind)
    {
        lock (_gate)
        {
            return _byKind.GetValueOrDefault(kind);
        }
    }

    public void Add(FuzzOutcome outcome)
    {
        lock (_gate)
        {
            Inputs++;
            _byKind[outcome.Kind] = _byKind.GetValueOrDefault(outcome.Kind) + 1;
            if (outcome.Budget is { } budget)
            {
                _byBudget[budget] = _byBudget.GetValueOrDefault(budget) + 1;
            }

            if (outcome.Failed)
            {
                _failures.Add(outcome);
            }

            if (outcome.Index < 0)
            {
                _files.Add(outcome);
            }

            var mutation = LastStep(outcome.Recipe);
            if (!_byMutation.TryGetValue(mutation, out var kinds))
            {
                _byMutation[mutation] = kinds = [];
            }

            kinds[outcome.Kind] = kinds.GetValueOrDefault(outcome.Kind) + 1;

            if (Slowest is null || outcome.CpuMilliseconds > Slowest.CpuMilliseconds)
            {
                Slowest = outcome;
            }

            if (Largest is null || outcome.PeakBytes > Largest.PeakBytes)
            {
                Largest = outcome;
            }
        }
    }

    /// <summary>Per mutation (the last one applied), how many inputs ended each way.</summary>
    public void WriteByMutation(TextWriter output)
    {
        lock (_gate)
        {
            foreach (var (mutation, kinds) in _byMutation.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {mutation}: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => Invariant($"{k.Key} {k.Value:N0}"))));
            }
        }
    }

    private static string LastStep(string recipe)
    {
        var last = recipe.LastIndexOf(" > ", StringComparison.Ordinal);
        return last < 0 ? "(seed)" : recipe[(last + 3)..];
    }

    public void Write(TextWriter output, FuzzSettings settings)
    {
        lock (_gate)
        {
            output.WriteLine(Invariant($"inputs: {Inputs:N0} in {Elapsed.TotalSeconds:N0} s ({Inputs / Math.Max(1, Elapsed.TotalSeconds):N0}/s, {settings.Workers} workers), seed {settings.Seed}"));
            output.WriteLine("outcomes: " + string.Join(", ", Enum.GetValues<FuzzOutcomeKind>().Select(k => Invariant($"{k} {_byKind.GetValueOrDefault(k):N0}"))));
            output.WriteLine("file problems by budget: " + (_byBudget.Count == 0 ? "none" : string.Join(", ", _byBudget.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Invariant($"{p.Key} {p.Value:N0}")))));
            if (Slowest is { } slowest)
            {
                output.WriteLine(Invariant($"slowest: {slowest.CpuMilliseconds:N0} ms of processor time ({slowest.Milliseconds:N0} ms wall), #{slowest.Index} {slowest.Recipe} ({slowest.Kind})"));
            }

            if (Largest is { } largest)
            {
                output.WriteLine(Invariant($"peak memory: {largest.PeakBytes / (1024.0 * 1024):N0} MiB, #{largest.Index} {largest.Recipe} ({largest.Kind})"));
            }

            output.WriteLine(Invariant($"failures: {_failures.Count:N0} (budgets: {settings.TimeBudget.TotalSeconds:N0} s and {settings.MemoryBudgetBytes / (1024 * 1024):N0} MiB per input)"));
            foreach (var failure in _failures.Take(50))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {failure.Kind} #{failure.Index} {failure.Recipe}: {failure.Detail}"));
            }
        }
    }
}
