using System.Diagnostics;

namespace BatchOrders.Benchmarks;

/// <summary>
/// Splits one run of a case into named phases (read, plan…) for a breakdown next to the total, and keeps the
/// figures a case measures beyond time (429s, rate over the ceiling, journal share…).
/// </summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<KeyValuePair<string, double>> _phases = [];
    private readonly List<KeyValuePair<string, double>> _figures = [];
    private double _last;

    public IReadOnlyList<KeyValuePair<string, double>> Phases => _phases;

    public IReadOnlyList<KeyValuePair<string, double>> Figures => _figures;

    /// <summary>Records a figure of this run (a later one of the same name replaces it).</summary>
    public void Figure(string name, double value)
    {
        _figures.RemoveAll(f => f.Key == name);
        _figures.Add(new(name, value));
    }

    /// <summary>Ends the current phase, naming it, and starts the next.</summary>
    public void Mark(string phase)
    {
        var now = _watch.Elapsed.TotalMilliseconds;
        _phases.Add(new(phase, now - _last));
        _last = now;
    }
}
