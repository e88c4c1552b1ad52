using System.ComponentModel.DataAnnotations;

namespace BatchOrders.Planning;

/// <summary>How rows become orders. Bounds are checked by <see cref="OptionsValidator"/>.</summary>
public sealed record PlanningOptions
{
    /// <summary>
    /// Line items per order before a group is split. Partner Center documents no limit for orders; a cart holds
    /// at most 50, so 50 is the safe default.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "must be between {1} and {2}")]
    public int MaxLineItemsPerOrder { get; init; } = 50;

    /// <summary>Which purchase path orders take; <see cref="PurchasePathChoice.Auto"/> decides by each row's offer.</summary>
    public PurchasePathChoice Path { get; init; } = PurchasePathChoice.Auto;

    /// <summary>Allow the same offer twice for one customer and billing cycle (normally a copy-paste mistake).</summary>
    public bool AllowDuplicates { get; init; }
}
