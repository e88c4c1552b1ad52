using BatchOrders.Submission;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Submission;

public sealed class ThrottleGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly SubmissionOptions Defaults = new();

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public async Task A_429_pauses_everyone_for_its_retry_after()
    {
        var time = new FakeTimeProvider(Start);
        using var gate = new ThrottleGate(Defaults, time);

        using (var lease = await gate.EnterAsync(CancellationToken.None))
        {
            lease.Throttled(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), gate.PausedUntil);
        var next = gate.EnterAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        (await next).Dispose();
    }

    [Fact]
    public async Task More_429s_from_the_same_burst_neither_lengthen_nor_deepen_the_pause()
    {
        var time = new FakeTimeProvider(Start);
        using var gate = new ThrottleGate(Defaults, time);
        var burst = new List<ThrottleGate.Lease>();
        for (var i = 0; i < 3; i++)
        {
            burst.Add(await gate.EnterAsync(CancellationToken.None));
        }

        time.Advance(TimeSpan.FromMilliseconds(200));
        burst[0].Throttled(TimeSpan.FromSeconds(30));
        burst[1].Throttled(TimeSpan.FromSeconds(30));
        burst[2].Throttled(TimeSpan.FromSeconds(29));
        burst.ForEach(l => l.Dispose());

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), gate.PausedUntil);
    }

    [Fact]
    public async Task Throttled_again_right_after_a_pause_backs_off_exponentially_and_an_answer_resets_it()
    {
        var time = new FakeTimeProvider(Start);
        using var gate = new ThrottleGate(Defaults, time);

        await Throttle(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(11));
        await Throttle(TimeSpan.FromSeconds(10));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(20), gate.PausedUntil);

        time.Advance(TimeSpan.FromSeconds(21));
        using (var answered = await gate.EnterAsync(CancellationToken.None))
        {
            answered.Answered();
        }

        await Throttle(TimeSpan.FromSeconds(10));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), gate.PausedUntil);

        async Task Throttle(TimeSpan retryAfter)
        {
            var entering = gate.EnterAsync(CancellationToken.None).AsTask();
            time.Advance(TimeSpan.Zero);
            using var lease = await entering;
            lease.Throttled(retryAfter);
        }
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_takes_no_slot()
    {
        var time = new FakeTimeProvider(Start);
        using var gate = new ThrottleGate(Defaults with { Concurrency = 1 }, time);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();

        using var next = await gate.EnterAsync(CancellationToken.None);
        Assert.Equal(1, gate.Snapshot().InFlight);
    }

    [Fact]
    public void Before_the_service_throttles_the_pace_doubles_every_two_seconds_to_6000_a_minute_holds_there_a_minute_and_goes_on()
    {
        using var run = new GateSimulation(Defaults) { Latency = TimeSpan.FromSeconds(2), Jitter = 0 };
        double Rate(double from, double to) => run.AcceptedPerMinute(TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to));

        // Requests are counted by when they were sent, once answered: a window is read a round trip after it ends.
        run.Run(TimeSpan.FromSeconds(75));
        Assert.InRange(Rate(4, 6) / Rate(2, 4), 1.8, 2.2);
        Assert.InRange(Rate(10, 65), 5_700, 6_100);
        Assert.InRange(Rate(70, 72) / Rate(68, 70), 1.8, 2.2);

        run.Run(Minutes(2));
        Assert.Equal(Defaults.MaxInFlight, run.PeakInFlight);
        Assert.Empty(run.ThrottledAt);
    }

    [Fact]
    public void A_service_that_answers_nothing_is_sent_no_more_than_the_first_round_trips_limit()
    {
        using var run = new GateSimulation(Defaults) { Latency = TimeSpan.FromMinutes(5), Jitter = 0 };

        run.Run(Minutes(1));

        Assert.Equal(ConcurrencyLimit.FirstRoundTripLimit, run.PeakInFlight);
    }

    [Theory]
    [InlineData(500, 0.2)]
    [InlineData(500, 2)]
    [InlineData(500, 8)]
    [InlineData(6_000, 0.2)]
    [InlineData(6_000, 2)]
    [InlineData(6_000, 8)]
    [InlineData(100, 10)]
    public void Default_options_reach_the_ceiling_without_knowing_it_and_are_rarely_throttled(int ceiling, double latencySeconds)
    {
        using var run = new GateSimulation(Defaults) { Ceiling = ceiling, Latency = TimeSpan.FromSeconds(latencySeconds) };

        run.Run(Minutes(8));

        // The first two minutes ramp up (8 s round trips double the limit only every 8 s) and learn the ceiling.
        Assert.InRange(run.AcceptedPerMinute(Minutes(2), Minutes(8)), 0.9 * ceiling, ceiling);
        Assert.InRange(run.ThrottledPerThousand, 0, 5);
        Assert.True(run.Samples.Where(s => s.At >= Minutes(2)).Max(s => s.Limit) <= (ceiling / 60.0 * latencySeconds * 1.25 * 1.3) + 10,
            "once the pace is known, the limit stays near what Little's law needs");
    }

    [Fact]
    public void The_ceiling_learned_is_the_services_minute_and_the_pace_keeps_just_under_it()
    {
        using var run = new GateSimulation(Defaults) { Ceiling = 500, Latency = TimeSpan.FromSeconds(0.2) };
        var learned = new List<double>();
        for (var second = 0; second < 240; second++)
        {
            run.Run(TimeSpan.FromSeconds(1));
            learned.Add(run.Gate.Snapshot().LearnedCeiling ?? 0);
        }

        // Each 429 that ends a probe teaches the ceiling again. Counted over the mirror's longer minute (60 s and the
        // arrival guard) it was 508–516: the guard's worth of requests too many, kept at 100% of the real ceiling.
        var relearned = learned.Zip(learned.Skip(1)).Where(p => p.Second < p.First).Select(p => p.Second).ToList();
        Assert.NotEmpty(relearned);
        Assert.All(relearned, ceiling => Assert.InRange(ceiling, 480, 500));

        // Between probes, 97% of it: a window that also kept the margin held the pace to 94%.
        Assert.InRange(run.AcceptedPerMinute(TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(125)), 0.96 * 500, 500);
    }

    [Fact]
    public void A_429_storm_pauses_the_batch_while_it_lasts_and_the_pace_comes_back_after_it()
    {
        using var run = new GateSimulation(Defaults) { Ceiling = 500, Latency = TimeSpan.FromSeconds(2) };
        run.Run(Minutes(3));

        run.StormUntil = run.Time.GetUtcNow() + TimeSpan.FromSeconds(20);
        run.Run(Minutes(5));

        var stormStart = Minutes(3);
        Assert.InRange(run.ThrottledBetween(stormStart, stormStart + TimeSpan.FromSeconds(20)), 1, 6);
        Assert.InRange(run.AcceptedPerMinute(stormStart + Minutes(1), Minutes(8)), 0.85 * 500, 500);
    }

    [Fact]
    public void Latency_doubling_mid_run_doubles_the_requests_in_flight_and_keeps_the_pace()
    {
        using var run = new GateSimulation(Defaults) { Ceiling = 500, Latency = TimeSpan.FromSeconds(2) };
        run.Run(Minutes(4));
        var before = run.Samples.Where(s => s.At >= Minutes(3)).Average(s => s.InFlight);

        run.Latency = TimeSpan.FromSeconds(4);
        run.Run(Minutes(4));

        var after = run.Samples.Where(s => s.At >= Minutes(5)).Average(s => s.InFlight);
        Assert.InRange(after / before, 1.8, 2.2);
        Assert.InRange(run.AcceptedPerMinute(Minutes(5), Minutes(8)), 0.9 * 500, 500);
        Assert.InRange(run.ThrottledBetween(Minutes(4), Minutes(8)), 0, 4);
    }

    [Fact]
    public void A_ceiling_that_drops_mid_run_is_learned_and_kept_under()
    {
        using var run = new GateSimulation(Defaults) { Ceiling = 500, Latency = TimeSpan.FromSeconds(2) };
        run.Run(Minutes(3));

        run.Ceiling = 250;
        run.Run(Minutes(7));

        Assert.InRange(run.AcceptedPerMinute(Minutes(5), Minutes(10)), 0.85 * 250, 250);
        Assert.InRange(run.ThrottledBetween(Minutes(5), Minutes(10)), 0, 5);
        Assert.InRange(run.Gate.Snapshot().LearnedCeiling!.Value, 0.9 * 250, 1.15 * 250);
    }

    [Fact]
    public void Fixed_concurrency_keeps_exactly_that_many_in_flight_whatever_the_service_says()
    {
        using var run = new GateSimulation(Defaults with { Concurrency = 3 }) { Latency = TimeSpan.FromMilliseconds(200) };

        run.Run(Minutes(1));

        Assert.Equal(3, run.PeakInFlight);
        Assert.All(run.Samples, s => Assert.Equal(3, s.Limit));
    }

    [Fact]
    public void The_ceiling_on_requests_in_flight_holds_however_much_more_the_service_would_take()
    {
        using var run = new GateSimulation(Defaults with { MaxInFlight = 40 }) { Latency = TimeSpan.FromSeconds(8) };

        run.Run(Minutes(2));

        Assert.Equal(40, run.PeakInFlight);
    }

    [Fact]
    public void Max_rate_is_never_exceeded_in_any_minute()
    {
        using var run = new GateSimulation(Defaults with { MaxRatePerMinute = 120 }) { Latency = TimeSpan.FromMilliseconds(300) };

        run.Run(Minutes(4));

        var sent = run.AcceptedAt.Concat(run.ThrottledAt).Order().ToList();
        for (var i = 120; i < sent.Count; i++)
        {
            Assert.True(sent[i] - sent[i - 120] >= Minutes(1), $"request {i} was the 121st within a minute");
        }

        Assert.InRange(run.AcceptedPerMinute(Minutes(1), Minutes(4)), 0.95 * 120, 120);
    }

    [Fact]
    public async Task A_timer_that_fires_a_little_early_does_not_lose_the_wake_up()
    {
        var time = new EarlyTimers(new FakeTimeProvider(Start));
        using var gate = new ThrottleGate(Defaults with { MaxRatePerMinute = 60 }, time);
        var waiting = gate.EnterAsync(CancellationToken.None).AsTask();
        while (waiting.IsCompleted)
        {
            (await waiting).Dispose();
            waiting = gate.EnterAsync(CancellationToken.None).AsTask();
        }

        // Nothing else happens: no lease ends, no request arrives. Only the gate's own timer can let it go. Time
        // passes a millisecond at a time, so a timer fires when it is due, not at the end of one long jump.
        for (var i = 0; i < 5_000; i++)
        {
            time.Fake.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(waiting.IsCompletedSuccessfully, "the request waiting for the pace was let go");
        (await waiting).Dispose();
    }

    /// <summary>Timers that fire a millisecond before they are due, as a timer counting whole milliseconds does.</summary>
    private sealed class EarlyTimers(FakeTimeProvider fake) : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = fake;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new EarlyTimer(Fake.CreateTimer(callback, state, Early(dueTime), period));

        private static TimeSpan Early(TimeSpan due) => due > TimeSpan.FromMilliseconds(1) ? due - TimeSpan.FromMilliseconds(1) : due;

        private sealed class EarlyTimer(ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Early(dueTime), period);

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
