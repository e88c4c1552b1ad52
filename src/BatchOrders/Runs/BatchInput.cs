using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Runs;

/// <summary>
/// An input file read, checked and planned: the first half of every run, and all of a what-if. Every problem is
/// in <see cref="Errors"/> (rows) or <see cref="ReadResult.Problem"/> (the file), found in one pass.
/// </summary>
public sealed record BatchInput(ReadResult Read, OrderPlan? Plan, IReadOnlyList<RowError> Errors)
{
    /// <summary>True when the file was read, every row is valid and the plan has no errors: the batch may be sent.</summary>
    public bool IsValid => Read.Problem is null && Errors.Count == 0 && Plan is not null;

    /// <summary>Reads, checks and plans <paramref name="path"/>. The valid rows are planned even when others have errors, so duplicates are reported in the same pass.</summary>
    public static BatchInput Load(string path, ReadOptions? reading = null, PlanningOptions? planning = null, CancellationToken cancellationToken = default)
    {
        planning ??= new PlanningOptions();
        OptionsValidator.ThrowIfInvalid(planning);
        var read = SpreadsheetReader.Read(path, reading ?? new ReadOptions(), cancellationToken);
        var plan = read.Problem is null ? OrderPlanner.Plan(read.File, read.Rows, planning) : null;
        var errors = read.Errors.Concat(plan?.Errors ?? []).OrderBy(e => e.Row).ToList();
        return new BatchInput(read, plan, errors);
    }
}
