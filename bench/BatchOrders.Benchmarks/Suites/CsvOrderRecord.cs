using CsvHelper;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// The baseline's row: the input's columns as a user would declare them for CsvHelper, mapped by its source
/// generator (strings, Quantity as an int, the unknown Notes column too).
/// </summary>
[CsvRecord]
internal sealed partial class CsvOrderRecord
{
    public string CustomerId { get; set; } = string.Empty;

    public string OfferId { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public string? BillingCycle { get; set; }

    public string? FriendlyName { get; set; }

    public string? ParentSubscriptionId { get; set; }

    public string? OrderId { get; set; }

    public string? Notes { get; set; }
}
