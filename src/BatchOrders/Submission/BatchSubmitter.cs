using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace BatchOrders.Submission;

/// <summary>
/// Sends the journal's work with a bounded pool of workers through one shared <see cref="ThrottleGate"/>. Every
/// order is marked Sending (committed) before its first request, and its outcome is committed before the worker
/// takes the next one, so a crash at any moment loses nothing and a rerun sends nothing twice.
/// </summary>
internal sealed partial class BatchSubmitter
{
    private readonly BatchJournal _journal;
    private readonly PartnerCenterClient _client;
    private readonly SubmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;

    public BatchSubmitter(BatchJournal journal, PartnerCenterClient client, SubmissionOptions options, TimeProvider? time = null, Random? random = null, ILogger? logger = null)
    {
        _journal = journal;
        _client = client;
        _options = options;
        _time = time ?? TimeProvider.System;
        _random = random ?? new Random();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Sends <paramref name="work"/> (from <see cref="BatchJournal.GetWork"/>). <paramref name="stop"/> (Ctrl+C) stops
    /// taking new orders and starting new attempts; requests in flight finish or time out and their state is committed.
    /// A 401 or 403 stops the batch the same way, leaving every unsent order as it was.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(IReadOnlyList<JournalOrder> work, IProgress<SubmissionProgress>? progress, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var gate = new ThrottleGate(_options, _time);
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var run = new SubmissionCounters(work.Count, gate, progress);
        var pipeline = OrderResilience.Build(_options, _time, () => { lock (_random) { return _random.NextDouble(); } }, () => halt.IsCancellationRequested);

        var next = -1;
        async Task Worker()
        {
            int index;
            while (!halt.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < work.Count)
            {
                await SubmitOneAsync(work[index], pipeline, gate, run, halt);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(_options.Concurrency, Math.Max(1, work.Count))).Select(_ => Task.Run(Worker)).ToArray();
        await Task.WhenAll(workers);
        run.Report();
        return run.ToResult(work.Count, interrupted: stop.IsCancellationRequested);
    }

    private async Task SubmitOneAsync(JournalOrder order, Polly.ResiliencePipeline<AttemptOutcome> pipeline, ThrottleGate gate, SubmissionCounters run, CancellationTokenSource halt)
    {
        var before = order.State;
        var sending = _journal.Apply(order.OrderKey, new OrderChange.Send());
        run.Started();
        var unknownOutcome = before == OrderState.Sending;
        var sent = false;
        AttemptNote? answered = null;
        AttemptOutcome outcome;
        try
        {
            outcome = await pipeline.ExecuteAsync(async token =>
            {
                using var waitUntilStopped = CancellationTokenSource.CreateLinkedTokenSource(token, halt.Token);
                using (await gate.EnterAsync(waitUntilStopped.Token))
                {
                    sent = true;
                    var sentAt = _time.GetUtcNow();
                    run.Attempted();
                    try
                    {
                        var result = await _client.SendAsync(sending, token);
                        var note = NoteOf(sending, result);
                        if (result is AttemptOutcome.Transient)
                        {
                            // Retried: logged now. A definitive answer is logged with the outcome, in one commit.
                            _journal.RecordAttempt(sending.OrderKey, note);
                        }
                        else
                        {
                            answered = note;
                        }

                        if (result is AttemptOutcome.Transient { IsThrottled: true } throttled)
                        {
                            gate.OnThrottled(throttled.RetryAfter, sentAt);
                            run.Throttled();
                        }
                        else
                        {
                            gate.OnAnswered();
                        }

                        unknownOutcome |= result is AttemptOutcome.Transient;
                        return result;
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        // The attempt's time ran out with the request possibly received: the outcome is unknown.
                        unknownOutcome = true;
                        _journal.RecordAttempt(sending.OrderKey, new AttemptNote(sending.RequestId, null, "timeout", null, $"No answer within {_options.AttemptTimeout.TotalSeconds:0.#} s."));
                        throw;
                    }
                }
            }, CancellationToken.None);
        }
        catch (TimeoutRejectedException)
        {
            outcome = new AttemptOutcome.Transient(new PartnerCenterError(0, null, "No answer in time; it will be asked again with the same request id."), null);
        }
        catch (OperationCanceledException) when (halt.IsCancellationRequested)
        {
            // Stopped while waiting at the gate: this attempt never left.
            outcome = new AttemptOutcome.Transient(new PartnerCenterError(0, null, "Stopped before an answer."), null);
        }

        var change = outcome switch
        {
            AttemptOutcome.Succeeded success => new OrderChange.Succeed(success.OrderId, success.HttpStatus, success.SubscriptionIds),
            AttemptOutcome.Rejected rejected => new OrderChange.Fail(rejected.Error.HttpStatus, rejected.Error.Code, rejected.Error.Description),
            // Refused before processing: back to how this run found it — in flight when an earlier attempt's outcome is unknown.
            AttemptOutcome.Unauthorized { Error: var error } when unknownOutcome => new OrderChange.KeepInFlight(error.HttpStatus, error.Code, error.Description),
            AttemptOutcome.Unauthorized { Error: var error } => new OrderChange.Unsend(error.HttpStatus, error.Code, error.Description),
            AttemptOutcome.Transient when !sent && !unknownOutcome => new OrderChange.Unsend(),
            AttemptOutcome.Transient { Error: var error } => (OrderChange)new OrderChange.KeepInFlight(error.HttpStatus == 0 ? null : error.HttpStatus, error.Code, error.Description),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
        _journal.Apply(order.OrderKey, change with { Attempt = answered });

        switch (outcome)
        {
            case AttemptOutcome.Succeeded:
                run.Succeeded();
                break;
            case AttemptOutcome.Rejected:
                run.Failed();
                break;
            case AttemptOutcome.Unauthorized unauthorized:
                run.AuthenticationFailed(unauthorized.Error);
                await halt.CancelAsync();
                break;
            case AttemptOutcome.Transient when !sent && !unknownOutcome:
                run.NotStarted();
                break;
            case AttemptOutcome.Transient transient:
                run.Unresolved();
                LogUnresolved(_logger, order.OrderKey, transient.Error.Description);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderKey} has no definitive answer this run: {Reason}")]
    private static partial void LogUnresolved(ILogger logger, string orderKey, string reason);

    private static AttemptNote NoteOf(JournalOrder order, AttemptOutcome outcome)
    {
        var (status, kind, code, message) = outcome switch
        {
            AttemptOutcome.Succeeded s => (s.HttpStatus, "succeeded", null, null),
            AttemptOutcome.Rejected r => (r.Error.HttpStatus, "rejected", r.Error.Code, r.Error.Description),
            AttemptOutcome.Unauthorized u => (u.Error.HttpStatus, "unauthorized", u.Error.Code, u.Error.Description),
            AttemptOutcome.Transient t => (t.Error.HttpStatus, t.IsThrottled ? "throttled" : "transient", t.Error.Code, t.Error.Description),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
        return new AttemptNote(order.RequestId, status == 0 ? null : status, kind, code, message);
    }
}
