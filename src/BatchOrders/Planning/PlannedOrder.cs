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
    // A planner's order is its place in the plan (whose arrays hold its keys, PlannedGroups), its group, its part
    // and a range of the plan's rows; its keys are kept as digests until their text is read, and its line items are
    // made when read (docs/ARCHITECTURE.md, "Resume", for what the keys are). An order made from values keeps them
    // (Given).
    private readonly object _source;
    private readonly int _order;
    private readonly int _group;
    private readonly int _start;
    private readonly int _count;

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
    {
        _source = new Given(orderKey, groupKey, familyKey, customerId, billingCycle, orderId, orderGroup, lineItems);
        Path = path;
        Part = part;
    }

    /// <summary>A planner's order <paramref name="order"/>: part <paramref name="part"/> of group <paramref name="group"/>, the grouped rows from <paramref name="start"/>.</summary>
    internal PlannedOrder(PlannedGroups groups, int order, int group, PurchasePath path, int part, int start, int count)
    {
        _source = groups;
        _order = order;
        _group = group;
        Path = path;
        Part = part;
        _start = start;
        _count = count;
    }

    /// <summary>The order's key: the same on every run for the same line items in the same slot.</summary>
    public string OrderKey => _source is PlannedGroups groups ? groups.OrderText(_order) : ((Given)_source).OrderKey;

    /// <summary>The key of the slot the order fills (customer, billing cycle, target order, group, part).</summary>
    public string GroupKey => _source is PlannedGroups groups ? groups.GroupText(_order) : ((Given)_source).GroupKey;

    /// <summary>The key all parts and paths of the order's group share.</summary>
    public string FamilyKey => _source is PlannedGroups groups ? groups.FamilyText(_group) : ((Given)_source).FamilyKey;

    /// <summary>How the order is bought.</summary>
    public PurchasePath Path { get; }

    /// <summary>The customer's tenant id, lower case.</summary>
    public string CustomerId => _source is PlannedGroups groups ? groups.Keys[_group].CustomerId : ((Given)_source).CustomerId;

    /// <summary>The billing cycle; null for the order's default.</summary>
    public BillingCycle? BillingCycle => _source is PlannedGroups groups ? groups.Keys[_group].BillingCycle : ((Given)_source).BillingCycle;

    /// <summary>Add-ons: the existing order they are added to; null for a new order.</summary>
    public string? OrderId => _source is PlannedGroups groups ? groups.Keys[_group].OrderId : ((Given)_source).OrderId;

    /// <summary>The order group as written in the order's first line item's row, or null.</summary>
    public string? OrderGroup => _source is PlannedGroups groups
        ? groups.Rows.FieldString(groups.Grouped[_start], groups.Rows.Row(groups.Grouped[_start]).OrderGroup)
        : ((Given)_source).OrderGroup;

    /// <summary>The part of its group the order is, from 0, when the group is split over several orders.</summary>
    public int Part { get; }

    /// <summary>The line items, numbered from 0 in canonical order.</summary>
    public IReadOnlyList<PlannedLineItem> LineItems => _source is PlannedGroups groups
        ? new PlannedLineItems(groups.Rows, groups.Grouped, _start, _count)
        : ((Given)_source).LineItems;

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

    private sealed record Given(
        string OrderKey,
        string GroupKey,
        string FamilyKey,
        string CustomerId,
        BillingCycle? BillingCycle,
        string? OrderId,
        string? OrderGroup,
        IReadOnlyList<PlannedLineItem> LineItems);
}
