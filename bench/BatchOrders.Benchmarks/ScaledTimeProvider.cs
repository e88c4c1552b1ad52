using System.Diagnostics;

namespace BatchOrders.Benchmarks;

/// <summary>
/// A clock running <c>factor</c> times faster than the system's: now, timestamps and every timer. Quick mode gives it
/// to both the sandbox and the client, so a minute's rate-limit window, 200 ms latencies and Retry-After all shrink
/// together and a run against a per-minute ceiling fits in seconds. The CPU's own costs (journal commits, HTTP) do
/// not shrink, so quick figures are a smoke check; full mode runs on the real clock.
/// </summary>
internal sealed class ScaledTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _origin = System.GetUtcNow();
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Factor => factor;

    public override DateTimeOffset GetUtcNow() => _origin + Stopwatch.GetElapsedTime(_start) * factor;

    public override long GetTimestamp() => _start + (long)((Stopwatch.GetTimestamp() - _start) * factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / factor;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
