namespace BatchOrders.Submission;

/// <summary>
/// The rate side of the throttle gate: the service's ceiling in requests per minute, as learned from its 429s (or
/// capped by <c>--max-rate</c>), and when the next request may leave to stay just under it. Two rules keep the pace:
/// no two requests closer than a minute over the pace, and no more than the ceiling within any 60 seconds — the second
/// mirrors a sliding-window limit, so resuming after a pause does not burst into a window the service still counts
/// full. A 429 says the service's window is full: what it accepted from us in the last minute is its ceiling. A
/// minute at the pace without a 429 probes 10% higher (20%, 40%… while probes pass), as limits are adjusted
/// dynamically; the 429 that ends a probe sets the ceiling again. Before any of this is known the pace ramps up from
/// the first request, doubling every two seconds up to 6,000 a minute, where it holds for a minute: a window that
/// fills then fills at a rate it takes a few 429s to stop, where doubling the requests in flight every round trip
/// sent a hundred into it at 0.2 s. A sliding window gives back its room in the order it was taken, so the ramp
/// fills it early and evenly: a ramp that took 40 s to fill the first minute (a 6 s doubling) left the second one
/// starved until its late, dense part had left the window. Not thread-safe: used under the gate's lock.
/// </summary>
internal sealed class RequestPace(int? maxRatePerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ArrivalGuard = TimeSpan.FromSeconds(1);
    private const double Margin = 0.97;
    private const double FirstProbeStep = 0.1;

    // Fewer accepted in the last minute than this, and a 429 is a storm or a pause, not a ceiling: it teaches nothing
    // (a ceiling learned from the first few requests would crawl for an hour). Lower limits need --max-rate.
    private const int MinimumCeiling = 60;
    private const int RequestsPerProbe = 500;

    // The ramp before the ceiling is known: 8 a second at first, doubling every 2 s to 6,000 a minute (after 7 s), held
    // there for a minute, then doubling on to no cap at all (about a million a minute). Why the hold: a ramp still
    // doubling when a window fills has put most of that minute's requests into its last seconds, so the next minute
    // gets nothing until they leave (a 6,000/min window filled at 20 s: nothing sent from 60 s to 70 s), and it
    // overshoots into 429s (300 in one run, 44,000 a minute when the window filled). 6,000 a minute is the most the
    // tool is built for, 12 times Partner Center's one published limit (orders, 500 a minute); a ceiling above it is
    // found a minute later.
    private const double RampStartPerMinute = 480;
    private const int RampDoublings = 11;
    private const double RampHoldPerMinute = 6_000;
    private static readonly TimeSpan RampHold = TimeSpan.FromMinutes(1);

    // How far the ramp's schedule may lag, in requests: its first 8 leave at once, a round trip's worth as before, and
    // never more at once later (a schedule idle until 8 s answers came back, caught up by a second of a ramp at 7,680
    // a minute, sent 128 into a window of 100).
    private const int RampBurst = 8;
    private static readonly TimeSpan RampDoubling = TimeSpan.FromSeconds(2);

    // Every request sent in the last minute, oldest first, with whether the service throttled it.
    private readonly Queue<Send> _window = new();
    private DateTimeOffset _nextSendAt = DateTimeOffset.MinValue;
    private int _sentSinceQuiet;
    private DateTimeOffset _quietSince;
    private double _probeStep = FirstProbeStep;
    private bool _burstTaught;
    private DateTimeOffset? _rampStart;

    /// <summary>The service's ceiling learned from its 429s (requests per minute); null until it throttles.</summary>
    public double? LearnedCeiling { get; private set; }

    /// <summary>The requests per minute sent at most: just under the learned ceiling, never above --max-rate; null when neither is known.</summary>
    public double? PerMinute => LearnedCeiling is { } ceiling
        ? Math.Min(ceiling * Margin, maxRatePerMinute ?? double.MaxValue)
        : maxRatePerMinute;

    /// <summary>The ramp's pace now (requests per minute) while neither a ceiling nor --max-rate is known, else null.</summary>
    public double? RampPerMinute(DateTimeOffset now) => PerMinute is null ? PaceAt(now) : null;

    /// <summary>When the first request left (the ramp's start); null before.</summary>
    public DateTimeOffset? FirstSentAt => _rampStart;

    /// <summary>Requests sent in the last minute.</summary>
    public int SentInLastMinute(DateTimeOffset now)
    {
        Trim(now);
        return _window.Count;
    }

    /// <summary>The earliest moment the next request may leave (now or earlier when nothing holds it).</summary>
    public DateTimeOffset NextSendAt(DateTimeOffset now)
    {
        Trim(now);
        Probe(now);
        var next = _nextSendAt;

        // The window holds what the service allows, the ceiling itself: the interval keeps the margin. With the margin
        // here too, the longer minute below held the pace to 485 in 62 s (94% of 500), and resuming after a full
        // window waited for a margin's worth of requests to leave.
        var allowed = Math.Max(1, (int)(LearnedCeiling is { } ceiling ? Math.Min(ceiling, maxRatePerMinute ?? double.MaxValue) : PaceAt(now)));
        if (_window.Count >= allowed)
        {
            // Room comes when enough of the oldest leave the minute — as the service counts them: a request reaches it
            // a little after it leaves here (more so in a burst), so the mirror's minute is a little longer.
            var leaving = _window.ElementAt(_window.Count - allowed).At + Window + ArrivalGuard;
            next = leaving > next ? leaving : next;
        }

        return next;
    }

    /// <summary>A request leaves now; the returned record is marked when the service throttles it.</summary>
    public Send Sent(DateTimeOffset now)
    {
        if (_window.Count == 0 && _nextSendAt == DateTimeOffset.MinValue)
        {
            _quietSince = now;
        }

        _rampStart ??= now;

        // The next send is due an interval after this one was due, not after it left: timers wake late (by up to
        // 15 ms on Windows), which must not slow the pace. The schedule catches up by at most CatchUp after a stall.
        var interval = TimeSpan.FromTicks((long)(Window.Ticks / PaceAt(now)));
        var catchUp = PerMinute is null ? interval * RampBurst : CatchUp;
        var earliest = now - (interval > catchUp ? interval : catchUp);
        _nextSendAt = (_nextSendAt < earliest ? earliest : _nextSendAt) + interval;

        var send = new Send(now);
        _window.Enqueue(send);
        _sentSinceQuiet++;
        return send;
    }

    /// <summary>
    /// The service throttled <paramref name="send"/>, asking for <paramref name="retryAfter"/>; <paramref name="newBurst"/>
    /// when it is the first 429 of a burst, which may set the ceiling.
    /// </summary>
    public void Throttled(Send send, bool newBurst, TimeSpan? retryAfter, DateTimeOffset now)
    {
        Trim(now);
        var counted = false;
        if (!send.Throttled)
        {
            send.Throttled = true;
            counted = send.At > now - Window - ArrivalGuard;
        }

        if (newBurst)
        {
            var accepted = AcceptedInLastMinute(now);
            _burstTaught = accepted >= MinimumCeiling && IsWindowFull(retryAfter, now);
            if (_burstTaught)
            {
                LearnedCeiling = accepted;
                _probeStep = FirstProbeStep;
                _quietSince = now;
                _sentSinceQuiet = 0;
            }
        }
        else if (_burstTaught && counted && LearnedCeiling > MinimumCeiling)
        {
            // Sent in the same burst, before its first 429 came back, this request was still counted as accepted
            // when that 429 set the ceiling: at a short latency a whole round trip of them (dozens) is.
            LearnedCeiling--;
        }
    }

    // What the service counts: the last minute's accepted requests. The mirror's window is longer by the arrival guard,
    // and counting that too taught a ceiling a guard's worth of requests too high (516 for 500 at 8 a second), which
    // the pace then kept at 100% of the real one.
    private int AcceptedInLastMinute(DateTimeOffset now)
    {
        var accepted = 0;
        foreach (var send in _window)
        {
            accepted += send.At > now - Window && !send.Throttled ? 1 : 0;
        }

        return accepted;
    }

    // A full window frees no room before the oldest request it counts leaves it, and the service says so: Partner
    // Center's "Try again in 57 seconds". A Retry-After much shorter than that (a storm's "1 second" after 40 seconds
    // of sending) is not about our window: it pauses the batch but teaches no ceiling.
    private bool IsWindowFull(TimeSpan? retryAfter, DateTimeOffset now)
    {
        var oldest = _window.FirstOrDefault(s => !s.Throttled);
        return retryAfter is not { } wait || oldest is null || wait >= (oldest.At + Window - now) / 2;
    }

    // A quiet minute (and some hundreds of requests) spent at the pace: the ceiling may have been raised; ask for a
    // little more. A probe that passes the ceiling costs one 429, so probes are spaced by requests as well as by time.
    private void Probe(DateTimeOffset now)
    {
        if (LearnedCeiling is { } ceiling && now - _quietSince >= Window && _sentSinceQuiet >= RequestsPerProbe
            && _window.Count >= 0.9 * PerMinute!.Value && ceiling * Margin < (maxRatePerMinute ?? double.MaxValue))
        {
            LearnedCeiling = ceiling * (1 + _probeStep);
            _probeStep = Math.Min(1.0, _probeStep * 2);
            _quietSince = now;
            _sentSinceQuiet = 0;
        }
    }

    // The pace kept now: the one known, or the ramp's.
    private double PaceAt(DateTimeOffset now)
    {
        if (PerMinute is { } pace)
        {
            return pace;
        }

        // Doublings so far: up to the hold, none during it, then on again.
        var doublings = (now - (_rampStart ?? now)) / RampDoubling;
        var toHold = Math.Log2(RampHoldPerMinute / RampStartPerMinute);
        if (doublings > toHold)
        {
            doublings = Math.Max(toHold, doublings - (RampHold / RampDoubling));
        }

        return RampStartPerMinute * Math.Pow(2, Math.Min(doublings, RampDoublings));
    }

    private void Trim(DateTimeOffset now)
    {
        while (_window.Count > 0 && _window.Peek().At <= now - Window - ArrivalGuard)
        {
            _window.Dequeue();
        }
    }

    /// <summary>One request sent, as the pace's window remembers it.</summary>
    internal sealed class Send(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;

        public bool Throttled { get; set; }
    }
}
