using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BatchOrders.Journal;

/// <summary>
/// How long each journal call takes, waiting for the lock included, as a histogram on the "BatchOrders.Journal"
/// meter: the benchmark's measure of the journal's share of a run. Nothing is timed unless a listener is enabled.
/// </summary>
internal static class JournalMetrics
{
    public const string MeterName = "BatchOrders.Journal";
    public const string CallDurationName = "batchorders.journal.call.duration";

    private static readonly Meter JournalMeter = new(MeterName);

    public static Histogram<double> CallDuration { get; } =
        JournalMeter.CreateHistogram<double>(CallDurationName, unit: "ms", description: "Time inside one BatchJournal call, lock wait included.");

    /// <summary>Starts timing one call; dispose the result when the call returns.</summary>
    public static CallTiming Time(string operation) => new(operation, CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0);

    internal readonly struct CallTiming(string operation, long started) : IDisposable
    {
        public void Dispose()
        {
            if (started != 0)
            {
                CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
            }
        }
    }
}
