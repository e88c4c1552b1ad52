using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// Reads from Partner Center (or an endpoint) that change nothing — the repeat check's, a preflight's —, each through
/// the run's read gate (and its customer's, where reads are keyed by customer: <see cref="ThrottleGates"/>) with the
/// orders' retries, honouring Retry-After. Nothing is journaled. <paramref name="stop"/> ends the reads: one stopped
/// before an answer comes back as a transient outcome.
/// </summary>
internal sealed class ServiceReads(ThrottleGates gates, SubmissionOptions options, TimeProvider time, CancellationToken stop)
{
    private readonly StepAttempts _attempts = new(
        journal: null, options, time, OrderResilience.Build(options, time, Random.Shared.NextDouble, () => stop.IsCancellationRequested),
        gates, new SubmissionCounters(0, gates, [], progress: null), stop);

    /// <summary>One read for <paramref name="customerId"/> (null when it concerns no customer, such as the catalog), retried while its answers are transient.</summary>
    public async Task<AttemptOutcome> ReadAsync(string? customerId, Func<CancellationToken, Task<AttemptOutcome>> read) =>
        (await _attempts.RunAsync(OperationFamily.Reads, customerId, orderKey: null, Guid.NewGuid(), read)).Outcome;
}
