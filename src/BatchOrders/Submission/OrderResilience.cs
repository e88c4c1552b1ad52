using BatchOrders.PartnerCenter;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BatchOrders.Submission;

/// <summary>
/// The Polly pipeline around every attempt at one step of an order: a cap on the whole step's time, and retries with
/// exponential back-off and jitter for transient outcomes (honouring Retry-After); each attempt's time-out runs from
/// when it leaves the throttle gate (StepAttempts). Retrying a POST is safe only because every attempt carries the
/// order's same MS-RequestId.
/// </summary>
internal static class OrderResilience
{
    public static ResiliencePipeline<AttemptOutcome> Build(SubmissionOptions options, TimeProvider time, Func<double> randomizer, Func<bool> stopping)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time }.AddTimeout(options.MaxTimePerOrder);
        if (options.MaxAttemptsPerOrder > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                // After Ctrl+C no new attempt starts: the order keeps its request id for the next run.
                ShouldHandle = args => ValueTask.FromResult(!stopping() && args.Outcome switch
                {
                    { Result: AttemptOutcome.Transient } => true,
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    _ => false,
                }),
                MaxRetryAttempts = options.MaxAttemptsPerOrder - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Randomizer = randomizer,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result switch
                {
                    // A 429 pauses every worker at the throttle gate, which the retry then waits at: no delay of its own.
                    AttemptOutcome.Transient { IsThrottled: true } => TimeSpan.Zero,
                    AttemptOutcome.Transient { RetryAfter: { } retryAfter } => retryAfter,
                    _ => (TimeSpan?)null,
                }),
            });
        }

        // Each attempt's own time-out is kept by StepAttempts from when the request leaves the throttle gate.
        return builder.Build();
    }
}
