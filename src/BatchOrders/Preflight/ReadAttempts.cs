using BatchOrders.PartnerCenter;
using BatchOrders.Submission;
using Polly;
using Polly.Timeout;

namespace BatchOrders.Preflight;

/// <summary>
/// One read of Partner Center's data, through the run's read gate (<see cref="ThrottleGates"/>, and the customer's
/// where reads are keyed by customer: the customer is the path's <c>customers/{id}</c>) and the same resilience as every request:
/// retried on 408, 429, 5xx, time-outs and dropped connections (a read changes nothing, so a new request id each
/// time), each attempt timed from when it leaves the gate.
/// </summary>
internal sealed class ReadAttempts(PartnerCenterClient client, ThrottleGates gates, SubmissionOptions options, TimeProvider time, Guid correlationId, CancellationToken stop)
{
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline =
        OrderResilience.Build(options, time, Random.Shared.NextDouble, () => stop.IsCancellationRequested);

    public async Task<AttemptOutcome> RunAsync(HttpMethod method, string path, object? body)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stop);
                using var lease = await gates.EnterAsync(OperationFamily.Reads, CustomerOf(path), linked.Token);
                using var deadline = new CancellationTokenSource(options.AttemptTimeout, time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, deadline.Token);
                try
                {
                    var outcome = await client.ReadAsync(method, path, body, correlationId, attempt.Token);
                    if (outcome is AttemptOutcome.Transient { IsThrottled: true } throttled)
                    {
                        lease.Throttled(throttled.RetryAfter);
                    }
                    else
                    {
                        lease.Answered();
                    }

                    return outcome;
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    return new AttemptOutcome.Transient(new PartnerCenterError(0, null, $"No answer within {options.AttemptTimeout.TotalSeconds:0.#} s."), null);
                }
            }, CancellationToken.None);
        }
        catch (TimeoutRejectedException)
        {
            return new AttemptOutcome.Transient(new PartnerCenterError(0, null, "No answer in time."), null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new AttemptOutcome.Transient(new PartnerCenterError(0, null, "Stopped before an answer."), null);
        }
    }

    // "v1/customers/{id}/…" → the customer a read concerns; null for the catalog, offers, promotions and resellers.
    private static string? CustomerOf(string path)
    {
        var segments = path.TrimStart('/').Split('/', '?');
        return segments.Length > 2 && segments[1].Equals("customers", StringComparison.OrdinalIgnoreCase) ? segments[2] : null;
    }
}
