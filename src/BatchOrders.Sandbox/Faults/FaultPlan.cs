using BatchOrders.Sandbox.Throttling;

namespace BatchOrders.Sandbox.Faults;

/// <summary>
/// Decides, in arrival order and from one seeded Random, what happens to each request: a 429 storm, the rate limit
/// of its operation family (a window per family and key), one of the faults, and its latency. Every request draws the same three numbers whatever the outcome, so the
/// decisions for request N depend only on the seed and N, and a failing run replays with the same seed.
/// </summary>
internal sealed class FaultPlan
{
    private const int DecisionLogCapacity = 100_000;

    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<ThrottleFamily, WindowRateLimiter> _limiters;
    private readonly Random _random;
    private readonly Queue<FaultDecision> _log = new();
    private readonly Lock _lock = new();
    private long _sequence;
    private int _faults;
    private DateTimeOffset _stormEndsAt = DateTimeOffset.MinValue;

    public FaultPlan(SandboxOptions options, int seed, TimeProvider time)
    {
        _options = options;
        _time = time;
        _limiters = Enum.GetValues<ThrottleFamily>().ToDictionary(f => f, f => new WindowRateLimiter(options.CeilingOf(f)));
#pragma warning disable CA5394 // A seeded, replayable Random is the point.
        _random = new Random(seed);
#pragma warning restore CA5394
    }

    /// <summary>
    /// The decision for the next request: of <paramref name="family"/>, for <paramref name="customer"/> (the route's,
    /// null when it has none), which counts in the window of its partner, or of its partner and customer when the
    /// family is keyed so.
    /// </summary>
    public FaultDecision Decide(string partnerKey, ThrottleFamily family, string? customer, string method, string path, out TimeSpan retryAfter)
    {
        var key = customer is not null && _options.KeyOf(family) == ThrottleKey.PartnerAndCustomer
            ? partnerKey + "/" + customer.ToLowerInvariant()
            : partnerKey;
        lock (_lock)
        {
#pragma warning disable CA5394
            var storm = _random.NextDouble();
            var fault = _random.NextDouble();
            var latency = _random.NextDouble();
#pragma warning restore CA5394
            var now = _time.GetUtcNow();
            retryAfter = TimeSpan.Zero;
            FaultKind kind;
            if (now < _stormEndsAt)
            {
                kind = FaultKind.Storm;
                retryAfter = _stormEndsAt - now;
            }
            else if (storm < _options.StormRate)
            {
                _stormEndsAt = now + _options.StormDuration;
                kind = FaultKind.Storm;
                retryAfter = _options.StormDuration;
            }
            else if (!_limiters[family].TryAcquire(key, now, out retryAfter))
            {
                kind = FaultKind.RateLimited;
            }
            else
            {
                kind = PickFault(fault);
            }

            var delay = kind is FaultKind.Storm or FaultKind.RateLimited ? TimeSpan.Zero : Latency(latency);
            var decision = new FaultDecision(++_sequence, method, path, kind, delay) { Family = family };
            if (_log.Count == DecisionLogCapacity)
            {
                _log.Dequeue();
            }

            _log.Enqueue(decision);
            return decision;
        }
    }

    public IReadOnlyList<FaultDecision> Decisions()
    {
        lock (_lock)
        {
            return [.. _log];
        }
    }

    private FaultKind PickFault(double draw)
    {
        if (_options.FaultLimit is { } limit && _faults >= limit)
        {
            return FaultKind.None;
        }

        var kind = Pick(draw,
            (_options.ServerErrorRate, FaultKind.ServerError),
            (_options.ServiceUnavailableRate, FaultKind.ServiceUnavailable),
            (_options.HangRate, FaultKind.Hang),
            (_options.DropConnectionRate, FaultKind.DropConnection),
            (_options.AnswerLostRate, FaultKind.AnswerLost));
        if (kind != FaultKind.None)
        {
            _faults++;
        }

        return kind;
    }

    private static FaultKind Pick(double draw, params ReadOnlySpan<(double Rate, FaultKind Kind)> faults)
    {
        var threshold = 0.0;
        foreach (var (rate, kind) in faults)
        {
            threshold += rate;
            if (rate > 0 && draw < threshold)
            {
                return kind;
            }
        }

        return FaultKind.None;
    }

    private TimeSpan Latency(double draw)
    {
        var mean = _options.LatencyMean;
        var jitter = _options.LatencyJitter;
        var delay = mean + ((draw * 2) - 1) * jitter;
        return delay > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Math.Round(delay.TotalMilliseconds)) : TimeSpan.Zero;
    }
}
