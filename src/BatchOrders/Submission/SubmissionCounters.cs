using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// A submission's counters, shared by its workers, reported as <see cref="SubmissionProgress"/> on every change (and
/// on every customer the repeat check beside it checks). <paramref name="families"/>: the write families the
/// submission's orders use, whose pace is the orders' pace.
/// </summary>
internal sealed class SubmissionCounters(
    int total, ThrottleGates gates, IReadOnlyCollection<OperationFamily> families, IProgress<SubmissionProgress>? progress, Func<RepeatCheckProgress?>? repeatCheck = null)
{
    private int _succeeded;
    private int _failed;
    private int _unresolved;
    private int _inFlight;
    private int _attempts;
    private int _retries;
    private int _throttled;
    private PartnerCenterError? _authFailure;

    public void Started() => Change(ref _inFlight, 1);

    public void Attempted() => Change(ref _attempts, 1);

    /// <summary>A step's request sent again after a transient answer (a cart order's checkout is its second step, not a retry).</summary>
    public void Retried() => Change(ref _retries, 1);

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

        var paces = gates.Paces();
        var orders = paces.Where(p => families.Contains(p.Family)).ToList();
        var learned = orders.Where(p => p.LearnedCeilingPerMinute is not null).ToList();
        var inFlight = paces.Sum(p => p.InFlight);
        progress.Report(new SubmissionProgress(
            total, Volatile.Read(ref _succeeded), Volatile.Read(ref _failed), Volatile.Read(ref _unresolved), Volatile.Read(ref _inFlight),
            Volatile.Read(ref _retries),
            Volatile.Read(ref _throttled), OrdersPausedUntil(orders))
        {
            RequestsInFlight = inFlight,
            InFlightLimit = orders.Sum(p => p.Limit),
            RequestsLastMinute = orders.Sum(p => p.SentLastMinute),
            LearnedCeilingPerMinute = learned.Count == 0 ? null : learned.Sum(p => p.LearnedCeilingPerMinute!.Value),
            MaxRatePerMinute = orders.Select(p => p.MaxRatePerMinute).FirstOrDefault(m => m is not null),
            Families = paces,
            RepeatCheck = repeatCheck?.Invoke(),
        });
    }

    public SubmissionResult ToResult(int total, bool interrupted) => new(
        _succeeded, _failed, _unresolved, total - _succeeded - _failed - _unresolved, _attempts, _throttled,
        interrupted, _authFailure);

    // The orders wait out a pause only when every family they use is paused: then sending resumes at the earliest end.
    private static DateTimeOffset? OrdersPausedUntil(List<FamilyPace> orders) =>
        orders.Count > 0 && orders.All(p => p.PausedUntil is not null) ? orders.Min(p => p.PausedUntil) : null;

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
