namespace BatchOrders.Submission;

/// <summary>
/// How many requests may be in flight at once, and how many are. Fixed (<c>--concurrency N</c>), or adaptive:
/// <list type="bullet">
/// <item>Before the service's rate is known it grows as TCP's slow start does (one more per answer while the limit
/// is what holds requests back, so it doubles every round trip) up to <see cref="SubmissionOptions.MaxInFlight"/>,
/// and never below what the gate's ramp needs by Little's law (before the first answer, at the first request's age:
/// the latency is at least that): at 8 s a round trip, doubling per round trip took 40 s to carry 500 a minute, and
/// a window filled that late starves the next minute. Growth stops and the limit
/// steps back when latency climbs past twice its recent floor as it grows (our own load queueing, in the service or
/// in this process), or when requests go unanswered.</item>
/// <item>Once the rate is known — learned from a 429 by the gate, or capped with <c>--max-rate</c> — the limit is what
/// Little's law says carries that rate at the latency measured now (rate × latency, plus room for jitter): it grows
/// when answers slow down and shrinks when a 429 lowers the pace.</item>
/// </list>
/// Why not a latency-gradient limiter alone (TCP Vegas, Netflix's Gradient2): they estimate how many requests a
/// server can take before it queues, from latency above a no-load baseline. Partner Center's limit is a rate per
/// minute that answers 429, not a queue, and its latency (seconds, with wide jitter) is not of our making: a min-RTT
/// baseline reads ordinary jitter as queueing and holds the limit down, and a latency step reads as overload exactly
/// when twice as many requests are needed in flight to keep the pace. So the explicit signal (429) sets the rate,
/// Little's law turns rate into concurrency, and latency only brakes growth that our own load makes slower.
/// See docs/ARCHITECTURE.md (Throughput). Not thread-safe: used under the gate's lock.
/// </summary>
internal sealed class ConcurrencyLimit
{
    /// <summary>Where the adaptive limit starts: a round trip's worth that no ceiling on Partner Center minds.</summary>
    public const int InitialLimit = 8;

    /// <summary>The most in flight before the first answer, whatever the ramp would carry.</summary>
    public const int FirstRoundTripLimit = 64;

    // Little's law gives the mean in flight; latency jitter (±25% and more) needs room above it.
    private const double Headroom = 1.25;
    private const int SpareSlots = 4;
    private const double LatencyBrake = 2.0;
    private const double BackOff = 0.9;

    private readonly int? _fixed;
    private readonly int _max;
    private double _limit;
    private bool _slowStart = true;
    private double _latencySeconds;
    private double _latencyFloorSeconds;
    private int _answersSinceDecrease;

    public ConcurrencyLimit(int? fixedLimit, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _fixed = fixedLimit;
        _max = maxInFlight;
        _limit = fixedLimit ?? Math.Min(InitialLimit, maxInFlight);
    }

    /// <summary>Requests allowed in flight now.</summary>
    public int Limit => (int)_limit;

    /// <summary>Requests in flight now.</summary>
    public int InFlight { get; private set; }

    /// <summary>Whether another request may leave now.</summary>
    public bool HasRoom => InFlight < Limit;

    /// <summary>Mean latency of recent answers (zero before the first).</summary>
    public TimeSpan Latency => TimeSpan.FromSeconds(_latencySeconds);

    public void Acquire() => InFlight++;

    public void Release() => InFlight--;

    /// <summary>
    /// A request was answered (not a 429) after <paramref name="latency"/>. <paramref name="bound"/>: requests were
    /// waiting for a free slot and for nothing else, so a higher limit would have sent more. <paramref name="pacePerMinute"/>:
    /// the rate the gate keeps, when it knows one; <paramref name="rampPerMinute"/>: the rate its ramp allows now, until then.
    /// </summary>
    public void Answered(TimeSpan latency, bool bound, double? pacePerMinute, double? rampPerMinute = null)
    {
        var seconds = Math.Max(latency.TotalSeconds, 0.001);
        var first = _latencySeconds == 0;

        // A short mean (about 20 answers) follows a change within a round trip or two; the floor is the lowest that
        // mean has been lately, rising towards it over about five round trips so a lasting change becomes the new floor.
        _latencySeconds = first ? seconds : _latencySeconds + ((seconds - _latencySeconds) * 0.1);
        _latencyFloorSeconds = first || _latencySeconds < _latencyFloorSeconds
            ? _latencySeconds
            : _latencyFloorSeconds + ((_latencySeconds - _latencyFloorSeconds) / (5.0 * Math.Max(1, _limit)));
        _answersSinceDecrease++;
        if (_fixed is not null)
        {
            return;
        }

        if (pacePerMinute is { } pace)
        {
            _limit = Carrying(pace, _latencySeconds);
            return;
        }

        if (_latencySeconds > LatencyBrake * _latencyFloorSeconds)
        {
            StepBack();
            return;
        }

        if (bound)
        {
            _limit = Math.Min(_max, _limit + (_slowStart ? 1 : 1 / _limit));
        }

        if (_slowStart && rampPerMinute is { } ramp)
        {
            _limit = Math.Max(_limit, Carrying(ramp, _latencySeconds));
        }
    }

    /// <summary>
    /// No answer yet, the first request <paramref name="unansweredFor"/> old: the latency is at least that, so the limit
    /// is at least what carries <paramref name="rampPerMinute"/> at that latency (slow start only), up to
    /// <see cref="FirstRoundTripLimit"/>: a service that answers nothing at all is sent that many, not a thousand.
    /// Returns whether the rule applies (adaptive, in slow start, no answer yet), so the caller knows to look again.
    /// </summary>
    public bool NoAnswerYet(TimeSpan unansweredFor, double rampPerMinute)
    {
        if (_fixed is not null || !_slowStart || _latencySeconds != 0)
        {
            return false;
        }

        _limit = Math.Max(_limit, Math.Min(FirstRoundTripLimit, Carrying(rampPerMinute, unansweredFor.TotalSeconds)));
        return true;
    }

    /// <summary>The service throttled a burst (a 429): slow start is over; the pace the gate learns sets the limit from now on.</summary>
    public void Throttled() => _slowStart = false;

    /// <summary>A request ended without an answer (time-out, dropped connection): as TCP reads a loss, step back.</summary>
    public void Unanswered()
    {
        if (_fixed is null)
        {
            StepBack();
        }
    }

    // Little's law: the requests in flight that carry a rate at the latency measured now, with room for jitter.
    private double Carrying(double perMinute, double latencySeconds) => Math.Clamp(Math.Ceiling((perMinute / 60 * latencySeconds * Headroom) + SpareSlots), 1, _max);

    // At most once a round trip (as many answers as the limit), as the answers of one window tell the same story.
    private void StepBack()
    {
        _slowStart = false;
        if (_answersSinceDecrease >= _limit)
        {
            _limit = Math.Max(1, Math.Floor(_limit * BackOff));
            _answersSinceDecrease = 0;
        }
    }
}
