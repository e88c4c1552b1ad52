using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Idempotency;

namespace BatchOrders.Sandbox.Storage;

/// <summary>
/// The ledger, the carts and the idempotency store. Callers serialise access (one lock in <see cref="SandboxState"/>), so
/// implementations need not be thread-safe.
/// </summary>
internal interface ISandboxStore : IDisposable
{
    /// <summary>The stored answer for this partner and request id, if it was stored at or after <paramref name="notBefore"/>.</summary>
    StoredAnswer? FindAnswer(string partnerKey, Guid requestId, DateTimeOffset notBefore);

    /// <summary>Stores (or replaces) an answer that changed nothing in the ledger (a business failure).</summary>
    void SaveAnswer(StoredAnswer answer);

    /// <summary>Appends a ledger entry and its subscriptions, and stores the answer with it, atomically.</summary>
    void AppendOrder(LedgerOrder entry, StoredAnswer? answer);

    /// <summary>Ledger entries in the order they were written, optionally for one customer.</summary>
    IReadOnlyList<LedgerOrder> ReadLedger(Guid? customerId);

    /// <summary>The entries (create, then patches) of one order of one customer; empty when there is no such order.</summary>
    IReadOnlyList<LedgerOrder> ReadOrder(Guid customerId, string orderId);

    SubscriptionRecord? FindSubscription(Guid subscriptionId);

    bool OrderExists(string orderId);

    int CountLedgerEntries();

    /// <summary>How many times availabilities were reissued on demand (<c>POST /_sandbox/rotate-availabilities</c>): kept with the state, so a restart keeps today's ids.</summary>
    int ReadRotations();

    void SaveRotations(int count);

    /// <summary>Adds a new cart and stores the answer that created it, atomically.</summary>
    void AddCart(CartRecord cart, StoredAnswer? answer);

    /// <summary>Replaces an active cart's line items (a <c>PUT</c> of the cart) and stores the answer, atomically.</summary>
    void UpdateCart(CartRecord cart, StoredAnswer? answer);

    /// <summary>The cart with this id if it belongs to this customer; null otherwise.</summary>
    CartRecord? FindCart(Guid customerId, string cartId);

    bool CartExists(string cartId);

    int CountCarts();

    /// <summary>Replaces the cart (now checked out), appends the orders its checkout created and stores the answer, atomically.</summary>
    void CheckOutCart(CartRecord cart, IReadOnlyList<LedgerOrder> orders, StoredAnswer? answer);

    /// <summary>Forgets answers stored before <paramref name="before"/>.</summary>
    void PurgeAnswers(DateTimeOffset before);
}
