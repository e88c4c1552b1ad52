using BatchOrders.Sandbox;

namespace BatchOrders.Benchmarks.Submission;

/// <summary>
/// What one batch against the sandbox measured. <see cref="Wall"/> and <see cref="CreatedAt"/> (each order's ledger
/// timestamp, from the run's start) are on the run's clock (scaled in quick mode), <see cref="RealWall"/> on the real
/// one; journal time is real time: the wall time with a journal call under way, and the calls' summed time.
/// </summary>
internal sealed record BatchFigures(
    int Orders,
    int Succeeded,
    TimeSpan Wall,
    TimeSpan RealWall,
    long Requests,
    long Throttled,
    int ClientAttempts,
    double JournalWallMs,
    double JournalSummedMs,
    long JournalCalls,
    IReadOnlyList<TimeSpan> CreatedAt,
    int PeakRequestsInFlight,
    int PeakThreads)
{
    private static readonly TimeSpan FirstMinute = TimeSpan.FromMinutes(1);

    public double ThrottledPerThousand => Requests == 0 ? 0 : Throttled * 1000.0 / Requests;

    /// <summary>The sandbox's requests and 429s per operation family ("orderWrites", "reads", …).</summary>
    public IReadOnlyDictionary<string, FamilyStats> Families { get; init; } = new Dictionary<string, FamilyStats>();

    /// <summary>429s per 1,000 requests of one family (0 when it had none).</summary>
    public double ThrottledPerThousandOf(string family) =>
        Families.TryGetValue(family, out var f) && f.Requests > 0 ? f.Throttled429 * 1000.0 / f.Requests : 0;

    /// <summary>Wall time waiting on the journal (at least one worker inside a call) over the run's real wall time.</summary>
    public double JournalShare => JournalWallMs / RealWall.TotalMilliseconds;

    /// <summary>Orders created per minute (ledger timestamps) once the first minute is past, or over the whole run when it is shorter.</summary>
    public double CreatedPerMinute
    {
        get
        {
            var whole = CreatedAt.Count == 0 || CreatedAt[^1] <= FirstMinute + TimeSpan.FromSeconds(20);
            var from = whole ? (CreatedAt.Count == 0 ? TimeSpan.Zero : CreatedAt[0]) : FirstMinute;
            var counted = CreatedAt.Count(t => t >= from) - (whole ? 1 : 0);
            var span = CreatedAt.Count == 0 ? TimeSpan.Zero : CreatedAt[^1] - from;
            return span <= TimeSpan.Zero ? 0 : counted / span.TotalMinutes;
        }
    }
}
