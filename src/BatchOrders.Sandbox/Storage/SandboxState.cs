namespace BatchOrders.Sandbox.Storage;

/// <summary>
/// The one lock around the store: checking an order against the ledger and appending it must be atomic, or two
/// concurrent PATCHes of one order could number their line items alike.
/// </summary>
internal sealed class SandboxState(ISandboxStore store) : IDisposable
{
    private readonly Lock _lock = new();

    public T Use<T>(Func<ISandboxStore, T> action)
    {
        lock (_lock)
        {
            return action(store);
        }
    }

    public void Use(Action<ISandboxStore> action)
    {
        lock (_lock)
        {
            action(store);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            store.Dispose();
        }
    }
}
