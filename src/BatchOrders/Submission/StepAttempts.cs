using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using Polly;
using Polly.Timeout;

namespace BatchOrders.Submission;

/// <summary>
/// The attempts at one step of an order — a POST or PATCH of an order, creating a cart, checking it out, reading the
/// customer's orders — through the order's resilience pipeline and the run's gate of the step's operation family
/// (<see cref="ThrottleGates"/>), every attempt with the step's one request id. Transient answers are logged as they come; the definitive one is handed back to be logged with the
/// state change it causes, in one commit.
/// </summary>
internal sealed class StepAttempts(
    BatchJournal? journal, SubmissionOptions options, TimeProvider time, ResiliencePipeline<AttemptOutcome> pipeline, ThrottleGates gates, SubmissionCounters counters, CancellationToken halt)
{
    /// <summary>The counters of the submission the steps belong to.</summary>
    public SubmissionCounters Counters => counters;

    /// <summary>
    /// Runs the step's attempts, each through the gate of <paramref name="family"/> (and of <paramref name="customerId"/>
    /// where that family is keyed by customer). With an <paramref name="orderKey"/>, transient answers and time-outs
    /// are logged against that order; without one (a read that changes nothing, such as the repeat check), nothing is
    /// journaled.
    /// </summary>
    public async Task<StepResult> RunAsync(
        OperationFamily family, string? customerId, string? orderKey, Guid requestId, Func<CancellationToken, Task<AttemptOutcome>> attempt)
    {
        var sent = false;
        var attempts = 0;
        var unknown = false;
        AttemptNote? answered = null;
        AttemptOutcome outcome;
        try
        {
            outcome = await pipeline.ExecuteAsync(async token =>
            {
                using var waitUntilStopped = CancellationTokenSource.CreateLinkedTokenSource(token, halt);
                using var lease = await gates.EnterAsync(family, customerId, waitUntilStopped.Token);
                sent = true;
                counters.Attempted();
                if (++attempts > 1)
                {
                    counters.Retried();
                }

                // The attempt's own time starts when it leaves the gate: a 429 pause spent waiting there is no attempt.
                using var deadline = new CancellationTokenSource(options.AttemptTimeout, time);
                using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
                try
                {
                    var result = await attempt(attemptToken.Token);
                    var note = AttemptNotes.Of(requestId, result);
                    if (result is AttemptOutcome.Transient && orderKey is not null)
                    {
                        // Retried: logged now. A definitive answer is logged with the outcome, in one commit.
                        journal?.RecordAttempt(orderKey, note);
                    }
                    else
                    {
                        answered = note;
                    }

                    if (result is AttemptOutcome.Transient { IsThrottled: true } throttled)
                    {
                        lease.Throttled(throttled.RetryAfter);
                        counters.Throttled();
                    }
                    else
                    {
                        lease.Answered();
                    }

                    unknown |= result is AttemptOutcome.Transient;
                    return result;
                }
                catch (OperationCanceledException) when (attemptToken.IsCancellationRequested)
                {
                    // The attempt's time (or the order's) ran out with the request possibly received: the outcome is unknown.
                    unknown = true;
                    var timedOut = $"No answer within {options.AttemptTimeout.TotalSeconds:0.#} s.";
                    if (orderKey is not null)
                    {
                        journal?.RecordAttempt(orderKey, new AttemptNote(requestId, null, "timeout", null, timedOut));
                    }

                    if (token.IsCancellationRequested)
                    {
                        throw;
                    }

                    return new AttemptOutcome.Transient(new PartnerCenterError(0, null, timedOut), null);
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

        return new StepResult(outcome, sent, unknown, answered);
    }
}
