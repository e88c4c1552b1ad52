using BatchOrders.Submission;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Submission;

/// <summary>One gate per operation family (and per customer where the service keys by customer), on a fake clock.</summary>
public sealed class ThrottleGatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FirstMinute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_read_429_pauses_the_reads_and_never_the_order_writes()
    {
        var time = new FakeTimeProvider(Start);
        using var gates = new ThrottleGates(new SubmissionOptions(), time);

        using (var read = await gates.EnterAsync(OperationFamily.Reads, "customer-a", CancellationToken.None))
        {
            read.Throttled(TimeSpan.FromSeconds(30));
        }

        var nextRead = gates.EnterAsync(OperationFamily.Reads, "customer-b", CancellationToken.None).AsTask();
        var write = gates.EnterAsync(OperationFamily.OrderWrites, "customer-a", CancellationToken.None).AsTask();

        Assert.True(write.IsCompletedSuccessfully);
        Assert.False(nextRead.IsCompleted);
        Assert.Null(gates.Pace(OperationFamily.OrderWrites).PausedUntil);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), gates.Pace(OperationFamily.Reads).PausedUntil);
        time.Advance(TimeSpan.FromSeconds(30));
        (await nextRead).Dispose();
        (await write).Dispose();
    }

    [Fact]
    public void Reads_throttled_on_their_own_window_learn_their_ceiling_while_the_orders_keep_theirs_and_their_pace()
    {
        var time = GateSimulation.NewClock();
        using var gates = new ThrottleGates(new SubmissionOptions(), time);
        using var orders = new GateSimulation(time, gates.Gate(OperationFamily.OrderWrites), seed: 1) { Ceiling = 500 };
        using var reads = new GateSimulation(time, gates.Gate(OperationFamily.Reads), seed: 2) { Ceiling = 300 };

        GateSimulation.RunTogether(TimeSpan.FromMinutes(3.5), orders, reads);

        Assert.NotEmpty(reads.ThrottledAt);
        Assert.InRange(gates.Pace(OperationFamily.Reads).LearnedCeilingPerMinute!.Value, 280, 310);
        Assert.True(gates.Pace(OperationFamily.OrderWrites).LearnedCeilingPerMinute >= 470);
        Assert.InRange(orders.AcceptedPerMinute(FirstMinute, orders.Elapsed - TimeSpan.FromSeconds(5)), 0.9 * 500, 500);
        Assert.InRange(orders.ThrottledPerThousand, 0, 5);
    }

    [Fact]
    public void Orders_throttled_on_their_own_window_never_pause_or_slow_the_reads()
    {
        var time = GateSimulation.NewClock();
        using var gates = new ThrottleGates(new SubmissionOptions { MaxReadRatePerMinute = 1_000 }, time);
        using var orders = new GateSimulation(time, gates.Gate(OperationFamily.OrderWrites), seed: 3) { Ceiling = 300 };
        using var reads = new GateSimulation(time, gates.Gate(OperationFamily.Reads), seed: 4);

        GateSimulation.RunTogether(TimeSpan.FromMinutes(3), orders, reads);

        Assert.NotEmpty(orders.ThrottledAt);
        Assert.Empty(reads.ThrottledAt);
        Assert.Null(gates.Pace(OperationFamily.Reads).LearnedCeilingPerMinute);
        Assert.InRange(reads.AcceptedPerMinute(FirstMinute, reads.Elapsed - TimeSpan.FromSeconds(5)), 0.95 * 1_000, 1_000);
        Assert.InRange(orders.AcceptedPerMinute(FirstMinute, orders.Elapsed - TimeSpan.FromSeconds(5)), 0.9 * 300, 300);
    }

    [Fact]
    public async Task A_family_keyed_by_customer_pauses_only_the_customer_throttled_and_a_family_keyed_by_partner_pauses_all()
    {
        var time = new FakeTimeProvider(Start);
        using var gates = new ThrottleGates(new SubmissionOptions { KeyedByCustomer = [OperationFamily.Reads] }, time);

        using (var read = await gates.EnterAsync(OperationFamily.Reads, "Customer-A", CancellationToken.None))
        {
            read.Throttled(TimeSpan.FromSeconds(20));
        }

        using (var write = await gates.EnterAsync(OperationFamily.OrderWrites, "Customer-A", CancellationToken.None))
        {
            write.Throttled(TimeSpan.FromSeconds(40));
        }

        var sameCustomer = gates.EnterAsync(OperationFamily.Reads, "customer-a", CancellationToken.None).AsTask();
        var otherCustomer = gates.EnterAsync(OperationFamily.Reads, "customer-b", CancellationToken.None).AsTask();
        var otherCustomersWrite = gates.EnterAsync(OperationFamily.OrderWrites, "customer-b", CancellationToken.None).AsTask();

        Assert.False(sameCustomer.IsCompleted);
        Assert.True(otherCustomer.IsCompletedSuccessfully);
        Assert.False(otherCustomersWrite.IsCompleted);
        Assert.Null(gates.Pace(OperationFamily.Reads).PausedUntil);
        Assert.True(gates.IsKeyedByCustomer(OperationFamily.Reads));
        Assert.False(gates.IsKeyedByCustomer(OperationFamily.OrderWrites));

        time.Advance(TimeSpan.FromSeconds(20));
        (await sameCustomer).Dispose();
        Assert.False(otherCustomersWrite.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(20));
        (await otherCustomersWrite).Dispose();
        (await otherCustomer).Dispose();
    }

    [Fact]
    public void The_caps_are_per_family_max_rate_for_the_writes_and_max_read_rate_for_the_reads()
    {
        using var gates = new ThrottleGates(new SubmissionOptions { MaxRatePerMinute = 120, MaxReadRatePerMinute = 900 }, new FakeTimeProvider(Start));

        Assert.Equal([120, 120, 120, 900], Enum.GetValues<OperationFamily>().Select(f => gates.Pace(f).MaxRatePerMinute));
        Assert.Equal(Enum.GetValues<OperationFamily>(), gates.Paces().Select(p => p.Family));
    }
}
