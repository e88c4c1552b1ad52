using BatchOrders.Submission;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// A batch driven through a real <see cref="ThrottleGate"/> on a <see cref="FakeTimeProvider"/>, against a modelled
/// service: a sliding 60-second window of accepted requests (429 at once, Retry-After when the oldest leaves, as the
/// sandbox does), a latency drawn from a seeded Random, and storms. Orders are kept under way as the submitter keeps
/// them (the limit and a few more). Single-threaded and deterministic: time moves only in <see cref="Run"/>'s steps.
/// Several simulations on one clock, each a family's gate against that family's window, move together with
/// <see cref="RunTogether"/>.
/// </summary>
internal sealed class GateSimulation : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Random _random;
    private readonly List<Task<ThrottleGate.Lease>> _waiting = [];
    private readonly List<(ThrottleGate.Lease Lease, DateTimeOffset AnswerAt, TimeSpan? RetryAfter)> _inFlight = [];
    private readonly Queue<DateTimeOffset> _accepted = new();
    private readonly DateTimeOffset _start;
    private readonly bool _ownsGate;

    public GateSimulation(SubmissionOptions options, int seed = 7)
        : this(NewClock(), clock => new ThrottleGate(options, clock), options.Concurrency, seed)
    {
        _ownsGate = true;
    }

    /// <summary>A simulation of <paramref name="gate"/> (owned by its caller, such as a <see cref="ThrottleGates"/>) on <paramref name="time"/>.</summary>
    public GateSimulation(FakeTimeProvider time, ThrottleGate gate, int seed = 7)
        : this(time, _ => gate, null, seed)
    {
    }

    private GateSimulation(FakeTimeProvider time, Func<FakeTimeProvider, ThrottleGate> gate, int? orders, int seed)
    {
        Time = time;
        _start = Time.GetUtcNow();
        Gate = gate(time);
        _random = new Random(seed);
        Orders = orders;
    }

    /// <summary>The clock every simulation starts on.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public FakeTimeProvider Time { get; }

    public ThrottleGate Gate { get; }

    /// <summary>The service's ceiling, requests per minute (0: none).</summary>
    public int Ceiling { get; set; }

    /// <summary>Mean latency of an accepted request; each is drawn uniformly within ± <see cref="Jitter"/> of it.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Half-width of the latency's spread, as a share of <see cref="Latency"/>.</summary>
    public double Jitter { get; set; } = 0.25;

    /// <summary>Until when every request is throttled, whatever the window.</summary>
    public DateTimeOffset StormUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Orders under way when fixed (as --concurrency keeps them); null follows the gate's limit.</summary>
    public int? Orders { get; set; }

    /// <summary>Time since the simulation started.</summary>
    public TimeSpan Elapsed => Time.GetUtcNow() - _start;

    /// <summary>Every request the service accepted, by when it arrived.</summary>
    public List<TimeSpan> AcceptedAt { get; } = [];

    /// <summary>Every 429, by when it was sent.</summary>
    public List<TimeSpan> ThrottledAt { get; } = [];

    /// <summary>The most requests in flight at once, and the gate's limit, sampled every step.</summary>
    public List<(TimeSpan At, int InFlight, int Limit)> Samples { get; } = [];

    public int PeakInFlight => Samples.Count == 0 ? 0 : Samples.Max(s => s.InFlight);

    /// <summary>Accepted requests per minute between two moments of the run.</summary>
    public double AcceptedPerMinute(TimeSpan from, TimeSpan to) =>
        AcceptedAt.Count(t => t >= from && t < to) / (to - from).TotalMinutes;

    public int ThrottledBetween(TimeSpan from, TimeSpan to) => ThrottledAt.Count(t => t >= from && t < to);

    public double ThrottledPerThousand => ThrottledAt.Count * 1000.0 / Math.Max(1, AcceptedAt.Count + ThrottledAt.Count);

    /// <summary>Runs the batch for <paramref name="duration"/> more, keeping orders under way all along.</summary>
    public void Run(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            Settle();
            Time.Advance(Step);
        }

        Settle();
    }

    /// <summary>Runs simulations that share one clock for <paramref name="duration"/> more, side by side.</summary>
    public static void RunTogether(TimeSpan duration, params GateSimulation[] runs)
    {
        var time = runs[0].Time;
        var end = time.GetUtcNow() + duration;
        while (time.GetUtcNow() < end)
        {
            Array.ForEach(runs, r => r.Settle());
            time.Advance(Step);
        }

        Array.ForEach(runs, r => r.Settle());
    }

    public void Dispose()
    {
        if (_ownsGate)
        {
            Gate.Dispose();
        }
    }

    private void Settle()
    {
        bool moved;
        do
        {
            moved = TopUp() | Admitted() | Answer();
        }
        while (moved);

        var snapshot = Gate.Snapshot();
        Samples.Add((Elapsed, snapshot.InFlight, snapshot.Limit));
    }

    private bool TopUp()
    {
        var limit = Gate.CurrentLimit;
        var underWay = Orders ?? limit + Math.Max(2, limit / 8);
        var moved = false;
        while (_waiting.Count + _inFlight.Count < underWay)
        {
            _waiting.Add(Gate.EnterAsync(CancellationToken.None).AsTask());
            moved = true;
        }

        return moved;
    }

    private bool Admitted()
    {
        var moved = false;
        for (var i = 0; i < _waiting.Count; i++)
        {
            if (_waiting[i].IsCompletedSuccessfully)
            {
                Arrive(_waiting[i].Result);
                _waiting.RemoveAt(i--);
                moved = true;
            }
        }

        return moved;
    }

    // The service decides as a request arrives: the storm, then the window; accepted ones answer after their latency.
    private void Arrive(ThrottleGate.Lease lease)
    {
        var now = lease.SentAt;
        while (_accepted.Count > 0 && _accepted.Peek() <= now - Window)
        {
            _accepted.Dequeue();
        }

        if (now < StormUntil)
        {
            _inFlight.Add((lease, now, StormUntil - now));
        }
        else if (Ceiling > 0 && _accepted.Count >= Ceiling)
        {
            _inFlight.Add((lease, now, _accepted.Peek() + Window - now));
        }
        else
        {
            _accepted.Enqueue(now);
            var latency = Latency * (1 + (Jitter * ((2 * _random.NextDouble()) - 1)));
            _inFlight.Add((lease, now + latency, null));
        }
    }

    // One answer at a time, the earliest first: the orders it frees are taken up before the next answer, as workers do.
    private bool Answer()
    {
        var now = Time.GetUtcNow();
        var due = -1;
        for (var i = 0; i < _inFlight.Count; i++)
        {
            if (_inFlight[i].AnswerAt <= now && (due < 0 || _inFlight[i].AnswerAt < _inFlight[due].AnswerAt))
            {
                due = i;
            }
        }

        if (due >= 0)
        {
            var request = _inFlight[due];
            _inFlight.RemoveAt(due);
            if (request.RetryAfter is { } retryAfter)
            {
                ThrottledAt.Add(request.Lease.SentAt - _start);
                request.Lease.Throttled(retryAfter);
            }
            else
            {
                AcceptedAt.Add(request.Lease.SentAt - _start);
                request.Lease.Answered();
            }

            request.Lease.Dispose();
        }

        return due >= 0;
    }
}
