using System.Diagnostics.Metrics;
using BatchOrders.Journal;

namespace BatchOrders.Benchmarks.Submission;

/// <summary>Adds up the time spent inside BatchJournal calls (the journal's duration histogram), lock waits included.</summary>
internal sealed class JournalTimeListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private double _totalMs;
    private long _calls;

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
            lock (_lock)
            {
                _totalMs += milliseconds;
                _calls++;
            }
        });
        _listener.Start();
    }

    public (double TotalMs, long Calls) Read()
    {
        lock (_lock)
        {
            return (_totalMs, _calls);
        }
    }

    public void Dispose() => _listener.Dispose();
}
