using BatchOrders.Submission;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Submission;

public sealed class OrderSlotsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Before_the_first_answer_the_orders_under_way_grow_with_the_gates_limit()
    {
        // 8 s round trips: in the first 4 s no order ends, so only the gate's growing limit can let more orders in.
        var time = new FakeTimeProvider(Start);
        using var gates = new ThrottleGates(new SubmissionOptions(), time);
        var gate = gates.Gate(OperationFamily.OrderWrites);
        using var slots = new OrderSlots(gates, [OperationFamily.OrderWrites], concurrency: null);
        using var stop = new CancellationTokenSource();
        var asked = 0;
        var entered = 0;
        var leases = new List<ThrottleGate.Lease>();
        var orders = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            var taking = slots.TakeAsync(stop.Token);
            Interlocked.Increment(ref asked);
            await taking;
            var entering = gate.EnterAsync(stop.Token);
            Interlocked.Increment(ref entered);
            var lease = await entering;
            lock (leases)
            {
                leases.Add(lease);
            }
        })).ToArray();

        // Every order has asked for room before the clock moves: on a busy machine the thread pool may start the last
        // of them seconds late, and a limit raised while none of them waits lets nobody in until they ask.
        var first = OrderSlots.UnderWay(null, ConcurrencyLimit.InitialLimit);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref asked) == orders.Length, TimeSpan.FromSeconds(30)));
        Assert.True(SpinWait.SpinUntil(() => slots.Taken == first && Volatile.Read(ref entered) == first, TimeSpan.FromSeconds(10)));
        for (var step = 0; step < 40; step++)
        {
            // Every order let in has reached the gate before the clock moves on.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref entered) == slots.Taken, TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref entered) == slots.Taken, TimeSpan.FromSeconds(10)));
        var snapshot = gate.Snapshot();

        // Held to the first limit and two waiting, 10 would be under way; the ramp at 4 s carries 32 a second.
        Assert.True(snapshot.InFlight >= 48, $"{snapshot.InFlight} requests in flight after 4 s (limit {snapshot.Limit}, {slots.Taken} orders under way)");
        Assert.True(slots.Taken > snapshot.InFlight);

        await stop.CancelAsync();
        await Task.WhenAll(orders.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default)));
        lock (leases)
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    [Fact]
    public void A_fixed_concurrency_keeps_that_many_under_way_whatever_the_limit()
    {
        Assert.Equal(4, OrderSlots.UnderWay(4, 64));
        Assert.Equal(10, OrderSlots.UnderWay(null, 8));
        Assert.Equal(72, OrderSlots.UnderWay(null, 64));
    }
}
