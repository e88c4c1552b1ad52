using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// Before anything is sent to Partner Center (or a rehearsal endpoint), each customer's orders are read back, and a
/// planned order whose line items all stand in one order placed in the last <see cref="SubmissionOptions.RepeatWindow"/>
/// that this journal did not place is a repeat: the same spreadsheet submitted twice (a colleague's copy, a second
/// journal). The reads go through the run's throttle gate — the one its orders go through next, so the pace it learns
/// counts these reads in the service's window — and the same retries as orders.
/// </summary>
internal sealed class RepeatCheck(BatchJournal journal, PartnerCenterClient client, ThrottleGate gate, SubmissionOptions options, TimeProvider time)
{
    public async Task<RepeatCheckResult> FindAsync(IReadOnlyList<JournalOrder> orders, CancellationToken cancellationToken)
    {
        PartnerCenterError? failure = null;
        var counters = new SubmissionCounters(orders.Count, gate, progress: null);
        var pipeline = OrderResilience.Build(options, time, Random.Shared.NextDouble, () => cancellationToken.IsCancellationRequested);
        var attempts = new StepAttempts(journal, options, time, pipeline, gate, counters, cancellationToken);
        var since = time.GetUtcNow() - options.RepeatWindow;
        var repeats = new List<RepeatedOrder>();
        await Parallel.ForEachAsync(
            orders.GroupBy(o => o.CustomerId, StringComparer.OrdinalIgnoreCase),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency ?? options.MaxInFlight, CancellationToken = cancellationToken },
            async (customer, token) =>
            {
                var (placed, error) = await ReadAsync(customer.Key, customer.First().CorrelationId, attempts);
                if (error is not null)
                {
                    Interlocked.CompareExchange(ref failure, error, null);
                    return;
                }

                var known = journal.GetPartnerOrderIds(customer.Key);
                var recent = placed.Where(o => !known.Contains(o.Id) && (o.CreationDate is null || o.CreationDate >= since)).ToList();
                foreach (var order in customer)
                {
                    if (RepeatOf(order, recent) is { } existing)
                    {
                        lock (repeats)
                        {
                            repeats.Add(new RepeatedOrder(
                                order.OrderKey, order.CustomerId,
                                [.. order.LineItems.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.OfferId} × {l.Quantity}"))],
                                [.. order.LineItems.Select(l => l.Row)], existing.Id, existing.CreationDate));
                        }
                    }
                }
            });
        return failure is null ? new RepeatCheckResult([.. repeats.OrderBy(r => r.Rows.Min())], null) : new RepeatCheckResult([], failure);
    }

    /// <summary>The recent order holding every line of <paramref name="order"/> still to buy, in its billing cycle.</summary>
    private static PlacedOrder? RepeatOf(JournalOrder order, List<PlacedOrder> recent)
    {
        var lines = order.LineItems.Where(l => !l.IsBought).ToList();
        return lines.Count == 0 ? null : recent.FirstOrDefault(placed =>
            (order.BillingCycle is null || string.Equals(placed.BillingCycle, order.BillingCycle, StringComparison.OrdinalIgnoreCase))
            && PlacedLineMatcher.Match(lines, [placed]).Count == lines.Count);
    }

    private async Task<(IReadOnlyList<PlacedOrder> Orders, PartnerCenterError? Error)> ReadAsync(string customerId, Guid correlationId, StepAttempts attempts)
    {
        var read = await attempts.RunAsync(orderKey: null, Guid.NewGuid(), token => client.ListOrdersAsync(customerId, correlationId, token));
        return read.Outcome switch
        {
            AttemptOutcome.OrdersListed listed => (listed.Orders, null),
            AttemptOutcome.Unauthorized u => ([], u.Error),
            AttemptOutcome.Transient t => ([], t.Error),
            AttemptOutcome.Rejected r => ([], r.Error),
            _ => ([], new PartnerCenterError(0, null, "The customer's orders could not be read.")),
        };
    }
}
