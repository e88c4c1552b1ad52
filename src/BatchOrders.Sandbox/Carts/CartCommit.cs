namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// What a cart call committed, for the stats: a cart created, or a checkout with the orders it created and the
/// order groups that <see cref="SandboxOptions.OrderGroupRefusalRate"/> refused.
/// </summary>
internal sealed record CartCommit(bool CheckedOut, int OrdersCreated = 0, int SeededRefusals = 0);
