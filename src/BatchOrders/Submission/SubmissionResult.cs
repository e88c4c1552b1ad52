using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// What a run of the submitter did. <see cref="Unresolved"/> orders got no definitive answer and are resent (same
/// request id) by the next run; <see cref="NotStarted"/> were never sent this run (stopped first).
/// </summary>
public sealed record SubmissionResult(
    int Succeeded,
    int Failed,
    int Unresolved,
    int NotStarted,
    int Attempts,
    int Throttled,
    bool Interrupted,
    PartnerCenterError? AuthenticationFailure)
{
    /// <summary>Two submissions of one run added up (the second sends orders the first held back).</summary>
    public SubmissionResult Add(SubmissionResult more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return new SubmissionResult(
            Succeeded + more.Succeeded, Failed + more.Failed, Unresolved + more.Unresolved, NotStarted + more.NotStarted,
            Attempts + more.Attempts, Throttled + more.Throttled, Interrupted || more.Interrupted, AuthenticationFailure ?? more.AuthenticationFailure);
    }
}
