using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Submission;

/// <summary>
/// Sends the journal's work with a pool of workers through the run's <see cref="ThrottleGates"/>, each order by the
/// path it needs, each request through its operation family's gate. Every order's state is committed before its
/// first request and after its answer, so a crash at any moment loses nothing and a rerun sends nothing twice. The
/// gates decide how many requests are in flight; the pool keeps just enough orders under way to use that
/// (<see cref="OrderSlots"/>). With a <see cref="RepeatCheck"/>, an order not yet sent waits for its customer's read
/// and is sent only when it repeats nothing; the first repeat (or a read that failed) stops the batch from taking
/// new orders, as Ctrl+C does.
/// </summary>
internal sealed class BatchSubmitter
{
    private readonly BatchJournal _journal;
    private readonly SubmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly OrderSender _orders;
    private readonly CartSender _carts;
    private readonly ThrottleGates _gates;
    private readonly RepeatCheck? _repeats;

    // gates: the run's throttle gates, shared with its reads (the repeat check) and every submission of the run.
    public BatchSubmitter(
        BatchJournal journal, PartnerCenterClient client, ThrottleGates gates, SubmissionOptions options, TimeProvider? time = null, Random? random = null,
        ILogger? logger = null, RepeatCheck? repeats = null)
    {
        _journal = journal;
        _gates = gates;
        _repeats = repeats;
        _options = options;
        _time = time ?? TimeProvider.System;
        _random = random ?? new Random();
        var readBack = new OrderReadBack(journal, client);
        var staleAnswers = new StaleAnswerCheck(journal, readBack, options, _time);
        _orders = new OrderSender(journal, client, staleAnswers, logger ?? NullLogger.Instance);
        _carts = new CartSender(journal, client, readBack, staleAnswers, Guid.NewGuid, logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Sends <paramref name="work"/> (from <see cref="BatchJournal.GetWork"/>). <paramref name="stop"/> (Ctrl+C) stops
    /// taking new orders and starting new attempts; requests in flight finish or time out and their state is committed.
    /// A 401 or 403 stops the batch the same way, leaving every unsent order as it was.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(IReadOnlyList<JournalOrder> work, IProgress<SubmissionProgress>? progress, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var families = FamiliesOf(work);
        var counters = new SubmissionCounters(work.Count, _gates, families, progress, _repeats is null ? null : () => _repeats.Progress);
        var pipeline = OrderResilience.Build(_options, _time, () => { lock (_random) { return _random.NextDouble(); } }, () => halt.IsCancellationRequested);
        var attempts = new StepAttempts(_journal, _options, _time, pipeline, _gates, counters, halt.Token);
        using var slots = new OrderSlots(_gates, families, _options.Concurrency);
        if (_repeats is not null)
        {
            _repeats.Progressed += counters.Report;
        }

        var next = -1;
        async Task Worker()
        {
            while (!halt.IsCancellationRequested)
            {
                try
                {
                    await slots.TakeAsync(halt.Token);
                }
                catch (OperationCanceledException) when (halt.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= work.Count || halt.IsCancellationRequested)
                    {
                        return;
                    }

                    var order = work[index];
                    if (_repeats is not null && order.State == OrderState.Pending && !await MaySendAsync(order))
                    {
                        // A repeat, or a customer whose orders could not be read: this order stays unsent, and no other starts.
                        await halt.CancelAsync();
                        return;
                    }

                    if (halt.IsCancellationRequested)
                    {
                        return;
                    }

                    await (order.Path == PurchasePath.Cart
                        ? _carts.SendAsync(order, attempts, () => halt.CancelAsync())
                        : _orders.SendAsync(order, attempts, () => halt.CancelAsync()));
                }
                finally
                {
                    slots.Return();
                }
            }
        }

        var most = OrderSlots.UnderWay(_options.Concurrency, _options.MaxInFlight);
        var workers = Enumerable.Range(0, Math.Min(most, Math.Max(1, work.Count))).Select(_ => Task.Run(Worker)).ToArray();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            if (_repeats is not null)
            {
                _repeats.Progressed -= counters.Report;
            }
        }

        counters.Report();
        return counters.ToResult(work.Count, interrupted: stop.IsCancellationRequested);
    }

    // The write families the orders use: their gates' limits size the pool, their pace is the orders' pace.
    private static OperationFamily[] FamiliesOf(IReadOnlyList<JournalOrder> work) =>
        (work.Any(o => o.Path != PurchasePath.Cart), work.Any(o => o.Path == PurchasePath.Cart)) switch
        {
            (true, true) => [OperationFamily.OrderWrites, OperationFamily.Carts, OperationFamily.Checkout],
            (false, true) => [OperationFamily.Carts, OperationFamily.Checkout],
            _ => [OperationFamily.OrderWrites],
        };

    private async Task<bool> MaySendAsync(JournalOrder order)
    {
        var (repeat, failure) = await _repeats!.CheckAsync(order);
        return repeat is null && failure is null;
    }
}
