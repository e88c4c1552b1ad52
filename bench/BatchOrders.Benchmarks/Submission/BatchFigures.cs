namespace BatchOrders.Benchmarks.Submission;

/// <summary>
/// What one batch against the sandbox measured. <see cref="Wall"/> is on the run's clock (scaled in quick mode),
/// <see cref="RealWall"/> on the real one; journal time is real time summed over every worker's calls.
/// </summary>
internal sealed record BatchFigures(
    int Orders,
    int Succeeded,
    TimeSpan Wall,
    TimeSpan RealWall,
    long Requests,
    long Throttled,
    int ClientAttempts,
    double JournalMs,
    long JournalCalls)
{
    public long Accepted => Requests - Throttled;

    /// <summary>Requests the sandbox accepted per minute of the run's clock.</summary>
    public double AcceptedPerMinute => Accepted / Wall.TotalMinutes;

    public double ThrottledPerThousand => Requests == 0 ? 0 : Throttled * 1000.0 / Requests;

    public double JournalShare => JournalMs / RealWall.TotalMilliseconds;
}
