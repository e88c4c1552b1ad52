using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Submission;

/// <summary>
/// Sends the journal's work with a pool of workers through one shared <see cref="ThrottleGate"/>, each order by the
/// path it needs. Every order's state is committed before its first request and after its answer, so a crash at
/// any moment loses nothing and a rerun sends nothing twice. The gate decides how many requests are in flight; the
/// pool keeps just enough orders under way to use that (<see cref="OrderSlots"/>).
/// </summary>
internal sealed class BatchSubmitter
{
    private readonly BatchJournal _journal;
    private readonly SubmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly OrderSender _orders;
    private readonly CartSender _carts;
    private readonly ThrottleGate _gate;

    // gate: the run's throttle gate, shared with the reads before it (the repeat check) and every submission of the run.
    public BatchSubmitter(
        BatchJournal journal, PartnerCenterClient client, ThrottleGate gate, SubmissionOptions options, TimeProvider? time = null, Random? random = null,
        ILogger? logger = null)
    {
        _journal = journal;
        _gate = gate;
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
        var counters = new SubmissionCounters(work.Count, _gate, progress);
        var pipeline = OrderResilience.Build(_options, _time, () => { lock (_random) { return _random.NextDouble(); } }, () => halt.IsCancellationRequested);
        var attempts = new StepAttempts(_journal, _options, _time, pipeline, _gate, counters, halt.Token);
        using var slots = new OrderSlots(_gate, _options.Concurrency);

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
        await Task.WhenAll(workers);
        counters.Report();
        return counters.ToResult(work.Count, interrupted: stop.IsCancellationRequested);
    }
}
