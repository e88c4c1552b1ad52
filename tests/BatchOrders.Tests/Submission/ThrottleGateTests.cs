using BatchOrders.Submission;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Submission;

public sealed class ThrottleGateTests
{
    private static readonly SubmissionOptions Options = new() { Concurrency = 8, MaxThrottleWait = TimeSpan.FromMinutes(5) };

    [Fact]
    public void A_429_pauses_everyone_for_its_retry_after_and_halves_the_requests_in_flight()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var gate = new ThrottleGate(Options, time);

        gate.OnThrottled(TimeSpan.FromSeconds(30), sentAt: time.GetUtcNow());

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), gate.PausedUntil);
        Assert.Equal(4, gate.CurrentLimit);
    }

    [Fact]
    public void More_429s_from_the_same_burst_do_not_lengthen_or_deepen_the_pause()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var gate = new ThrottleGate(Options, time);

        var burst = time.GetUtcNow();
        gate.OnThrottled(TimeSpan.FromSeconds(30), sentAt: burst);
        time.Advance(TimeSpan.FromMilliseconds(200));
        gate.OnThrottled(TimeSpan.FromSeconds(30), sentAt: burst - TimeSpan.FromMilliseconds(50));
        gate.OnThrottled(TimeSpan.FromSeconds(29), sentAt: burst - TimeSpan.FromMilliseconds(10));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), gate.PausedUntil);
        Assert.Equal(4, gate.CurrentLimit);
    }

    [Fact]
    public void Throttled_again_right_after_a_pause_backs_off_exponentially_and_a_success_resets_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var gate = new ThrottleGate(Options, time);

        gate.OnThrottled(TimeSpan.FromSeconds(10), sentAt: time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(11));
        gate.OnThrottled(TimeSpan.FromSeconds(10), sentAt: time.GetUtcNow());
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(20), gate.PausedUntil);

        time.Advance(TimeSpan.FromSeconds(21));
        gate.OnAnswered();
        gate.OnThrottled(TimeSpan.FromSeconds(10), sentAt: time.GetUtcNow());
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), gate.PausedUntil);
    }

    [Fact]
    public async Task Concurrency_ramps_back_up_with_successes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var gate = new ThrottleGate(Options with { Concurrency = 4 }, time);
        gate.OnThrottled(TimeSpan.FromSeconds(1), sentAt: time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(2));

        for (var i = 0; i < 100; i++)
        {
            using (await gate.EnterAsync(CancellationToken.None))
            {
                gate.OnAnswered();
            }
        }

        Assert.Equal(4, gate.CurrentLimit);
    }
}
