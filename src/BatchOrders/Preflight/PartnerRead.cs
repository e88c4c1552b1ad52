using BatchOrders.PartnerCenter;

namespace BatchOrders.Preflight;

/// <summary>
/// What one read came to: the value read, or Partner Center's refusal of it (not found, not the partner's, …), or
/// no answer at all (<see cref="Failed"/>: credentials refused, or no answer after every retry).
/// </summary>
internal sealed record PartnerRead<T>(T? Value, PartnerCenterError? Refusal, PartnerCenterError? Failure)
    where T : class
{
    /// <summary>The read's key among the journal's kept reads (<see cref="PreflightReads"/>); null for a read never kept.</summary>
    public string? Key { get; init; }

    /// <summary>The credentials were refused (401, or a 403 without a business code).</summary>
    public bool Unauthorized { get; init; }

    public bool Failed => Failure is not null;

    /// <summary>Partner Center's code for the refusal, if any.</summary>
    public string? Code => Refusal?.Code;

    public static PartnerRead<T> Of(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Read read when WireAnswers.Of<T>(read.Body) is { } value => new(value, null, null),
        AttemptOutcome.Read read => new(null, null, new PartnerCenterError(read.HttpStatus, null, "The answer could not be read.")),
        AttemptOutcome.Rejected rejected => new(null, rejected.Error, null),
        AttemptOutcome.Unauthorized unauthorized => new(null, null, unauthorized.Error) { Unauthorized = true },
        AttemptOutcome.Transient transient => new(null, null, transient.Error),
        _ => new(null, null, new PartnerCenterError(0, null, "The read had no answer.")),
    };
}
