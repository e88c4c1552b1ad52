using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class StatsTests
{
    [Fact]
    public async Task A_request_is_counted_by_the_time_its_answer_arrives()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var body = OrderBody("monthly", (0, "unknown-offer", 1));
        var requestId = Guid.NewGuid();

        // The same refused order each round (stored the first time, replayed after), then the stats straight away.
        for (var round = 1; round <= 60; round++)
        {
            using var answer = await host.PostOrderAsync(customer, body, requestId);
            var stats = await host.StatsAsync();

            Assert.Equal(round - 1, stats.IdempotentReplays);
        }
    }
}
