using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// Before an order goes to Partner Center (or a rehearsal endpoint), its customer's orders are read back, and a
/// planned order whose line items all stand in one order placed in the last <see cref="SubmissionOptions.RepeatWindow"/>
/// that this journal did not place is a repeat: the same spreadsheet submitted twice (a colleague's copy, a second
/// journal). Each customer is read once per run, through the run's read gate (reads have a window of their own, so
/// they cost the orders nothing), and what was read is kept in the journal, a batch at a time
/// (<see cref="KeptReads"/>): a rerun within <see cref="SubmissionOptions.ReadsReusedFor"/> reuses it
/// instead of reading again. The reads run ahead of the orders (<see cref="ReadAheadAsync"/>), each order waiting only
/// for its own customer's read (<see cref="CheckAsync"/>); or all of them first (<see cref="FindAsync"/>). See
/// docs/ARCHITECTURE.md, "Guards" and "Reads kept for a rerun".
/// </summary>
internal sealed class RepeatCheck(
    BatchJournal journal, PartnerCenterClient client, ThrottleGates gates, ServiceReads reads, SubmissionOptions options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, Lazy<Task<CustomerOrders>>> _customers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RepeatedOrder> _repeats = new(StringComparer.Ordinal);
    private readonly KeptReads _kept = new(journal, options.ReadsReusedFor, time);
    private PartnerCenterError? _failure;
    private int _checked;

    /// <summary>A customer was checked, or a repeat found.</summary>
    public event Action? Progressed;

    /// <summary>How far the check is.</summary>
    public RepeatCheckProgress Progress => new(_customers.Count, Volatile.Read(ref _checked), _repeats.Count);

    /// <summary>The repeats found so far, in the order of their rows.</summary>
    public IReadOnlyList<RepeatedOrder> Repeats => [.. _repeats.Values.OrderBy(r => r.Rows.Min())];

    /// <summary>The first read that failed (its customer's orders are not sent), or null.</summary>
    public PartnerCenterError? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Reads the customers of <paramref name="orders"/>, in their order, each once per run; ends when all are read.
    /// As many reads are under way as the read gate lets be in flight and a few more (<see cref="OrderSlots"/>, as
    /// for orders): a thousand reads queued at the gate left it late, under load, and they reached the service in a
    /// burst after its window had filled.
    /// </summary>
    public async Task ReadAheadAsync(IReadOnlyList<JournalOrder> orders, CancellationToken cancellationToken)
    {
        var customers = orders.Select(Register).Distinct().ToList();
        using var slots = new OrderSlots(gates, [OperationFamily.Reads], options.Concurrency);
        var reading = new List<Task>(customers.Count);
        try
        {
            foreach (var customer in customers)
            {
                await slots.TakeAsync(cancellationToken);
                reading.Add(ReadInSlot(customer, slots));
            }
        }
        finally
        {
            try
            {
                await Task.WhenAll(reading);
            }
            finally
            {
                KeepReads();
            }
        }

        static async Task ReadInSlot(Lazy<Task<CustomerOrders>> customer, OrderSlots slots)
        {
            try
            {
                await customer.Value;
            }
            finally
            {
                slots.Return();
            }
        }
    }

    /// <summary>Writes into the journal the reads not yet kept there, for a rerun to reuse (they are kept a batch at a time).</summary>
    public void KeepReads() => _kept.Flush();

    /// <summary>
    /// Whether <paramref name="order"/> may be sent, once its customer's orders are read: it may when both are null;
    /// not when it is a repeat, or when its customer's orders could not be read.
    /// </summary>
    public async Task<(RepeatedOrder? Repeat, PartnerCenterError? Failure)> CheckAsync(JournalOrder order)
    {
        var read = await Register(order).Value;
        if (read.Error is { } error)
        {
            Interlocked.CompareExchange(ref _failure, error, null);
            return (null, error);
        }

        var known = journal.GetPartnerOrderIds(order.CustomerId);
        var since = time.GetUtcNow() - options.RepeatWindow;
        var recent = read.Orders.Where(o => !known.Contains(o.Id) && (o.CreationDate is null || o.CreationDate >= since)).ToList();
        if (RepeatOf(order, recent) is not { } existing)
        {
            return (null, null);
        }

        var repeat = new RepeatedOrder(
            order.OrderKey, order.CustomerId,
            [.. order.LineItems.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.OfferId} × {l.Quantity}"))],
            [.. order.LineItems.Select(l => l.Row)], existing.Id, existing.CreationDate);
        _repeats[order.OrderKey] = repeat;
        Progressed?.Invoke();
        return (repeat, null);
    }

    /// <summary>Checks every order before any is sent: all their customers read, then the repeats among them (or the first failure, and none).</summary>
    public async Task<RepeatCheckResult> FindAsync(IReadOnlyList<JournalOrder> orders, CancellationToken cancellationToken)
    {
        await ReadAheadAsync(orders, cancellationToken);
        var repeats = new List<RepeatedOrder>();
        foreach (var order in orders)
        {
            var (repeat, failure) = await CheckAsync(order);
            if (failure is not null)
            {
                return new RepeatCheckResult([], failure);
            }

            if (repeat is not null)
            {
                repeats.Add(repeat);
            }
        }

        return new RepeatCheckResult([.. repeats.OrderBy(r => r.Rows.Min())], null);
    }

    /// <summary>The recent order holding every line of <paramref name="order"/> still to buy, in its billing cycle.</summary>
    private static PlacedOrder? RepeatOf(JournalOrder order, List<PlacedOrder> recent)
    {
        var lines = order.LineItems.Where(l => !l.IsBought).ToList();
        return lines.Count == 0 ? null : recent.FirstOrDefault(placed =>
            (order.BillingCycle is null || string.Equals(placed.BillingCycle, order.BillingCycle, StringComparison.OrdinalIgnoreCase))
            && PlacedLineMatcher.Match(lines, [placed]).Count == lines.Count);
    }

    private Lazy<Task<CustomerOrders>> Register(JournalOrder order) =>
        _customers.GetOrAdd(order.CustomerId, customerId => new Lazy<Task<CustomerOrders>>(() => ReadAsync(customerId, order.CorrelationId)));

    private async Task<CustomerOrders> ReadAsync(string customerId, Guid correlationId)
    {
        try
        {
            // The read is dated from when it began: an order placed while it was under way may be missing from it.
            var started = time.GetUtcNow();
            if (_kept.Find(KeyOf(customerId), started) is { } kept)
            {
                return new CustomerOrders(JsonSerializer.Deserialize<PlacedOrder[]>(kept, Json)!, null);
            }

            var outcome = await reads.ReadAsync(customerId, token => client.ListOrdersAsync(customerId, correlationId, token));
            if (outcome is AttemptOutcome.OrdersListed listed)
            {
                _kept.Keep(KeyOf(customerId), JsonSerializer.Serialize(listed.Orders, Json), started);
                return new CustomerOrders(listed.Orders, null);
            }

            return new CustomerOrders([], outcome switch
            {
                AttemptOutcome.Unauthorized u => u.Error,
                AttemptOutcome.Transient t => t.Error,
                AttemptOutcome.Rejected r => r.Error,
                _ => new PartnerCenterError(0, null, "The customer's orders could not be read."),
            });
        }
        finally
        {
            Interlocked.Increment(ref _checked);
            Progressed?.Invoke();
        }
    }

    /// <summary>The key of a customer's orders among the journal's kept reads: the request that reads them.</summary>
    private static string KeyOf(string customerId) => $"v1/customers/{Uri.EscapeDataString(customerId)}/orders";

    private sealed record CustomerOrders(IReadOnlyList<PlacedOrder> Orders, PartnerCenterError? Error);
}
