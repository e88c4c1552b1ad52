using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Runs;

/// <summary>
/// An input file read, checked and planned: the first half of every run, and all of a what-if. Every problem is
/// in <see cref="Errors"/> (rows) or <see cref="ReadResult.Problem"/> (the file), found in one pass.
/// </summary>
public sealed record BatchInput(ReadResult Read, OrderPlan? Plan, IReadOnlyList<RowError> Errors)
{
    /// <summary>How the rows were planned (again when the preflight completes rows).</summary>
    public PlanningOptions Planning { get; init; } = new();

    /// <summary>True when the file was read, every row is valid and the plan has no errors: the batch may be sent (once the preflight completed <see cref="OrderPlan.AwaitingPreflight"/>).</summary>
    public bool IsValid => Read.Problem is null && Errors.Count == 0 && Plan is not null;

    /// <summary>Rows only the preflight can complete (see <see cref="OrderPlan.AwaitingPreflight"/>); without it they are errors.</summary>
    public IReadOnlyList<RowError> AwaitingPreflight => Plan?.AwaitingPreflight ?? [];

    /// <summary>
    /// This input with legacy add-ons given the orders of their parent subscriptions (by row), planned again: what the
    /// preflight read completes the rows, their order keys then naming the order they are added to.
    /// </summary>
    public BatchInput WithParentOrders(IReadOnlyDictionary<RowLocation, string> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (orderIds.Count == 0 || Plan is null)
        {
            return this;
        }

        var rows = Read.Rows.Select(r => orderIds.TryGetValue(r.Location, out var orderId) ? r with { OrderId = orderId } : r).ToList();
        var read = Read with { Rows = rows };
        var plan = OrderPlanner.Plan(read.File, rows, Planning);
        return new BatchInput(read, plan, [.. read.Errors.Concat(plan.Errors).OrderBy(e => e.Row)]) { Planning = Planning };
    }

    /// <summary>Reads, checks and plans <paramref name="path"/>. The valid rows are planned even when others have errors, so duplicates are reported in the same pass.</summary>
    public static BatchInput Load(string path, ReadOptions? reading = null, PlanningOptions? planning = null, CancellationToken cancellationToken = default)
    {
        planning ??= new PlanningOptions();
        OptionsValidator.ThrowIfInvalid(planning);
        var read = SpreadsheetReader.Read(path, reading ?? new ReadOptions(), cancellationToken);
        var plan = read.Problem is null ? OrderPlanner.Plan(read.File, read.Rows, planning) : null;
        var errors = read.Errors.Concat(plan?.Errors ?? []).OrderBy(e => e.Row).ToList();
        return new BatchInput(read, plan, errors) { Planning = planning };
    }
}
