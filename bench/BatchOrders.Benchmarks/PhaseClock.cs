using System.Diagnostics;

namespace BatchOrders.Benchmarks;

/// <summary>Splits one run of a case into named phases (read, plan…) for a breakdown next to the total.</summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<KeyValuePair<string, double>> _phases = [];
    private double _last;

    public IReadOnlyList<KeyValuePair<string, double>> Phases => _phases;

    /// <summary>Ends the current phase, naming it, and starts the next.</summary>
    public void Mark(string phase)
    {
        var now = _watch.Elapsed.TotalMilliseconds;
        _phases.Add(new(phase, now - _last));
        _last = now;
    }
}
