using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// One order to send: a customer, a billing cycle, and for add-ons the existing order they are added to, bought by
/// its <see cref="Path"/>. <see cref="OrderKey"/> is the same on every run for the same line items, so a rerun
/// recognises the order; <see cref="GroupKey"/> names the slot it fills (customer, billing cycle, target order, group,
/// part) whatever its content, and <see cref="FamilyKey"/> the group all its parts and paths share, so a rerun also
/// recognises a changed version of an order and the lines an earlier version bought.
/// </summary>
public sealed record PlannedOrder
{
    // A planner keeps the keys as digests and its line items as a range of its rows laid out group by group; the
    // texts and the line item objects are made when read (docs/ARCHITECTURE.md, "Resume", for what the keys are).
    private readonly KeyDigest _orderDigest;
    private readonly KeyDigest _groupDigest;
    private readonly KeyDigest _familyDigest;
    private readonly IReadOnlyList<PlannedLineItem>? _lineItems;
    private readonly RowStore? _rows;
    private readonly int[]? _grouped;
    private readonly int _start;
    private readonly int _count;
    private string? _orderKey;
    private string? _groupKey;
    private string? _familyKey;

    /// <summary>An order as given: its keys' texts and its line items.</summary>
    public PlannedOrder(
        string orderKey,
        string groupKey,
        string familyKey,
        PurchasePath path,
        string customerId,
        BillingCycle? billingCycle,
        string? orderId,
        string? orderGroup,
        int part,
        IReadOnlyList<PlannedLineItem> lineItems)
        : this(path, customerId, billingCycle, orderId, orderGroup, part)
    {
        _orderKey = orderKey;
        _groupKey = groupKey;
        _familyKey = familyKey;
        _lineItems = lineItems;
    }

    /// <summary>A planner's order: keys as digests, line items the rows <paramref name="rows"/>[grouped[start..start+count]] numbered from 0.</summary>
    internal PlannedOrder(
        KeyDigest orderKey,
        KeyDigest groupKey,
        KeyDigest familyKey,
        PurchasePath path,
        string customerId,
        BillingCycle? billingCycle,
        string? orderId,
        string? orderGroup,
        int part,
        RowStore rows,
        int[] grouped,
        int start,
        int count)
        : this(path, customerId, billingCycle, orderId, orderGroup, part)
    {
        _orderDigest = orderKey;
        _groupDigest = groupKey;
        _familyDigest = familyKey;
        _rows = rows;
        _grouped = grouped;
        _start = start;
        _count = count;
    }

    private PlannedOrder(PurchasePath path, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        Path = path;
        CustomerId = customerId;
        BillingCycle = billingCycle;
        OrderId = orderId;
        OrderGroup = orderGroup;
        Part = part;
    }

    /// <summary>The order's key: the same on every run for the same line items in the same slot.</summary>
    public string OrderKey => _orderKey ??= _orderDigest.ToString();

    /// <summary>The key of the slot the order fills (customer, billing cycle, target order, group, part).</summary>
    public string GroupKey => _groupKey ??= _groupDigest.ToString();

    /// <summary>The key all parts and paths of the order's group share.</summary>
    public string FamilyKey => _familyKey ??= _familyDigest.ToString();

    /// <summary>How the order is bought.</summary>
    public PurchasePath Path { get; }

    /// <summary>The customer's tenant id, lower case.</summary>
    public string CustomerId { get; }

    /// <summary>The billing cycle; null for the order's default.</summary>
    public BillingCycle? BillingCycle { get; }

    /// <summary>Add-ons: the existing order they are added to; null for a new order.</summary>
    public string? OrderId { get; }

    /// <summary>The order group as written in the order's first line item's row, or null.</summary>
    public string? OrderGroup { get; }

    /// <summary>The part of its group the order is, from 0, when the group is split over several orders.</summary>
    public int Part { get; }

    /// <summary>The line items, numbered from 0 in canonical order.</summary>
    public IReadOnlyList<PlannedLineItem> LineItems => _lineItems ?? new PlannedLineItems(_rows!, _grouped!, _start, _count);

    /// <summary>Add-ons go to an existing order (PATCH); everything else creates a new order (POST).</summary>
    public bool IsAddOn => OrderId is not null;

    /// <summary>Whether <paramref name="other"/> is the same order: the same keys, slot, path and line items.</summary>
    public bool Equals(PlannedOrder? other) =>
        ReferenceEquals(this, other) ||
        (other is not null &&
         OrderKey == other.OrderKey && GroupKey == other.GroupKey && FamilyKey == other.FamilyKey && Path == other.Path &&
         CustomerId == other.CustomerId && BillingCycle == other.BillingCycle && OrderId == other.OrderId &&
         OrderGroup == other.OrderGroup && Part == other.Part && LineItems.SequenceEqual(other.LineItems));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OrderKey, GroupKey, Part);
}
