using BatchOrders.Submission;

namespace BatchOrders.Tests.Submission;

public sealed class RequestPaceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_429s_of_one_burst_that_come_back_after_its_first_lower_the_ceiling_it_taught()
    {
        var pace = new RequestPace(maxRatePerMinute: null);
        var sends = Enumerable.Range(0, 540).Select(i => pace.Sent(Start + TimeSpan.FromMilliseconds(10 * i))).ToList();
        var now = Start + TimeSpan.FromSeconds(6);

        // The service took 500; the 40 sent after them were refused, and their 429s come back one by one.
        pace.Throttled(sends[500], newBurst: true, TimeSpan.FromSeconds(55), now);
        Assert.Equal(539, pace.LearnedCeiling);
        foreach (var send in sends.Skip(501))
        {
            pace.Throttled(send, newBurst: false, TimeSpan.FromSeconds(55), now);
        }

        Assert.Equal(500, pace.LearnedCeiling);
    }
}
