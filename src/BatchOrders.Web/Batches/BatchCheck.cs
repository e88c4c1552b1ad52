using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Runs;

namespace BatchOrders.Web.Batches;

/// <summary>A batch's input read, checked and planned: its findings, its plan, and the sheets the file has.</summary>
public sealed record BatchCheck(BatchInput Input, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Sheets)
{
    /// <summary>What reading gave.</summary>
    public ReadResult Read => Input.Read;

    /// <summary>The plan; null when the file could not be read.</summary>
    public OrderPlan? Plan => Input.Plan;

    /// <summary>True when nothing stops the batch from being sent: the file was read and no finding is an error.</summary>
    public bool CanSend => Input.IsValid && Findings.All(f => f.Severity != FindingSeverity.Error);

    /// <summary>The rows with at least one error: the rows to fix.</summary>
    public int RowsWithErrors => Findings.Where(f => f.Row is not null && f.Severity == FindingSeverity.Error).Select(f => f.Row).Distinct().Count();
}
