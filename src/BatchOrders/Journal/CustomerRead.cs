namespace BatchOrders.Journal;

/// <summary>What the repeat check read of one customer's orders (opaque to the journal), and when the read began.</summary>
internal readonly record struct CustomerRead(string CustomerId, string OrdersJson, DateTimeOffset ReadAt);
