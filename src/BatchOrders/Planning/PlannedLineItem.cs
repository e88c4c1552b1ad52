using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>One line item of a planned order: its number in the order (from 0) and the row it comes from.</summary>
public sealed record PlannedLineItem(int LineItemNumber, OrderRow Row);
