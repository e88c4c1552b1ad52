using BatchOrders.PartnerCenter;
using BatchOrders.Reading;

namespace BatchOrders.Preflight;

/// <summary>
/// What the preflight found, in the shape of reading's row errors: <see cref="Errors"/> stop the run (exit code 2,
/// nothing sent), <see cref="Warnings"/> are shown and kept (and stop it too with <see cref="PreflightOptions.Strict"/>).
/// A check the sign-in could not make is one warning without a row. It may complete rows: today's catalog item id
/// for a stale or missing availability (<see cref="OffersToSend"/>), the order of a legacy add-on's parent
/// (<see cref="ParentOrders"/>). <see cref="Failure"/> is set when Partner Center could not be read at all.
/// </summary>
public sealed record PreflightResult(
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<RowError> Warnings,
    IReadOnlyDictionary<RowLocation, string> OffersToSend,
    IReadOnlyDictionary<RowLocation, string> ParentOrders,
    IReadOnlyDictionary<string, int> Reads,
    PartnerCenterError? Failure)
{
    /// <summary>Whether the run may go on: no error, no failure, and with <paramref name="strict"/> no warning.</summary>
    public bool Passes(bool strict) => Failure is null && Errors.Count == 0 && (!strict || Warnings.Count == 0);

    /// <summary>Reads answered from the journal (kept by an earlier run, younger than <c>--reuse-reads</c>) instead of made.</summary>
    public int Reused { get; init; }

    /// <summary>Every read made, all kinds together.</summary>
    public int TotalReads => Reads.Values.Sum();
}
