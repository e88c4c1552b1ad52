using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>A submission's counters, shared by its workers, reported as <see cref="SubmissionProgress"/> on every change.</summary>
internal sealed class SubmissionCounters(int total, ThrottleGate gate, IProgress<SubmissionProgress>? progress)
{
    private int _succeeded;
    private int _failed;
    private int _unresolved;
    private int _inFlight;
    private int _attempts;
    private int _throttled;
    private PartnerCenterError? _authFailure;

    public void Started() => Change(ref _inFlight, 1);

    public void Attempted() => Change(ref _attempts, 1);

    public void Throttled() => Change(ref _throttled, 1);

    public void Succeeded() => Finish(ref _succeeded);

    public void Failed() => Finish(ref _failed);

    public void Unresolved() => Finish(ref _unresolved);

    public void NotStarted() => Change(ref _inFlight, -1);

    public void AuthenticationFailed(PartnerCenterError error)
    {
        Interlocked.CompareExchange(ref _authFailure, error, null);
        Change(ref _inFlight, -1);
    }

    public void Report()
    {
        if (progress is null)
        {
            return;
        }

        var gateNow = gate.Snapshot();
        progress.Report(new SubmissionProgress(
            total, Volatile.Read(ref _succeeded), Volatile.Read(ref _failed), Volatile.Read(ref _unresolved), Volatile.Read(ref _inFlight),
            // Attempts beyond one per order: those of finished orders, and all but the request now in flight of the others.
            Math.Max(0, Volatile.Read(ref _attempts) - Volatile.Read(ref _succeeded) - Volatile.Read(ref _failed) - Volatile.Read(ref _unresolved) - gateNow.InFlight),
            Volatile.Read(ref _throttled), gate.PausedUntil)
        {
            RequestsInFlight = gateNow.InFlight,
            InFlightLimit = gateNow.Limit,
            RequestsLastMinute = gateNow.SentLastMinute,
            LearnedCeilingPerMinute = gateNow.LearnedCeiling is { } ceiling ? (int)Math.Round(ceiling) : null,
            MaxRatePerMinute = gateNow.MaxRate,
        });
    }

    public SubmissionResult ToResult(int total, bool interrupted) => new(
        _succeeded, _failed, _unresolved, total - _succeeded - _failed - _unresolved, _attempts, _throttled,
        interrupted, _authFailure);

    private void Finish(ref int counter)
    {
        Interlocked.Increment(ref counter);
        Change(ref _inFlight, -1);
    }

    private void Change(ref int counter, int by)
    {
        Interlocked.Add(ref counter, by);
        Report();
    }
}
