using System.Diagnostics;
using System.Diagnostics.Metrics;
using BatchOrders.Journal;

namespace BatchOrders.Benchmarks.Submission;

/// <summary>
/// Times BatchJournal calls from the journal's duration histogram, lock waits included: the wall time during which at
/// least one worker was waiting on the journal (the union of the calls' intervals — what the batch would gain if the
/// journal cost nothing), and the calls' summed time for comparison. Each measurement arrives as its call returns,
/// so a call's interval is [now − duration, now].
/// </summary>
internal sealed class JournalTimeListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(long Start, long End)> _calls = [];

    public JournalTimeListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == JournalMetrics.MeterName && instrument.Name == JournalMetrics.CallDurationName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, milliseconds, _, _) =>
        {
            var end = Stopwatch.GetTimestamp();
            var start = end - (long)(milliseconds * Stopwatch.Frequency / 1000);
            lock (_lock)
            {
                _calls.Add((start, end));
            }
        });
        _listener.Start();
    }

    /// <summary>Wall time with a journal call under way, the calls' summed time, and how many calls.</summary>
    public (double WallMs, double SummedMs, long Calls) Read()
    {
        lock (_lock)
        {
            var summed = _calls.Sum(c => (double)(c.End - c.Start));
            long wall = 0;
            long coveredUntil = long.MinValue;
            foreach (var (start, end) in _calls.OrderBy(c => c.Start))
            {
                var from = Math.Max(start, coveredUntil);
                if (end > from)
                {
                    wall += end - from;
                    coveredUntil = end;
                }
            }

            return (wall * 1000.0 / Stopwatch.Frequency, summed * 1000.0 / Stopwatch.Frequency, _calls.Count);
        }
    }

    public void Dispose() => _listener.Dispose();
}
