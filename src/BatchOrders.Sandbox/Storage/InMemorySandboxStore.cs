using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Idempotency;

namespace BatchOrders.Sandbox.Storage;

/// <summary>The ledger, carts and idempotency store in memory: gone when the sandbox stops.</summary>
internal sealed class InMemorySandboxStore : ISandboxStore
{
    private int _rotations;
    private readonly List<LedgerOrder> _ledger = [];
    private readonly Dictionary<string, List<LedgerOrder>> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<LedgerOrder>> _byCustomer = [];
    private readonly Dictionary<Guid, SubscriptionRecord> _subscriptions = [];
    private readonly Dictionary<(string PartnerKey, Guid RequestId), StoredAnswer> _answers = [];
    private readonly Dictionary<string, CartRecord> _carts = new(StringComparer.Ordinal);

    public StoredAnswer? FindAnswer(string partnerKey, Guid requestId, DateTimeOffset notBefore) =>
        _answers.TryGetValue((partnerKey, requestId), out var answer) && answer.CreatedAt >= notBefore ? answer : null;

    public void SaveAnswer(StoredAnswer answer) => _answers[(answer.PartnerKey, answer.RequestId)] = answer;

    public void AppendOrder(LedgerOrder entry, StoredAnswer? answer)
    {
        _ledger.Add(entry);
        Bucket(_orders, entry.OrderId).Add(entry);
        Bucket(_byCustomer, entry.CustomerId).Add(entry);
        foreach (var item in entry.LineItems)
        {
            _subscriptions[item.SubscriptionId] = new SubscriptionRecord(item.SubscriptionId, entry.CustomerId, entry.OrderId, item.OfferId);
        }

        if (answer is not null)
        {
            SaveAnswer(answer);
        }
    }

    public IReadOnlyList<LedgerOrder> ReadLedger(Guid? customerId) =>
        customerId is { } id ? [.. _byCustomer.GetValueOrDefault(id) ?? []] : [.. _ledger];

    public IReadOnlyList<LedgerOrder> ReadOrder(Guid customerId, string orderId) =>
        _orders.TryGetValue(orderId, out var entries) && entries[0].CustomerId == customerId ? [.. entries] : [];

    public SubscriptionRecord? FindSubscription(Guid subscriptionId) => _subscriptions.GetValueOrDefault(subscriptionId);

    public bool OrderExists(string orderId) => _orders.ContainsKey(orderId);

    public int CountLedgerEntries() => _ledger.Count;

    public int ReadRotations() => _rotations;

    public void SaveRotations(int count) => _rotations = count;

    public void AddCart(CartRecord cart, StoredAnswer? answer)
    {
        _carts.Add(cart.CartId, cart);
        if (answer is not null)
        {
            SaveAnswer(answer);
        }
    }

    public void UpdateCart(CartRecord cart, StoredAnswer? answer)
    {
        _carts[cart.CartId] = cart;
        if (answer is not null)
        {
            SaveAnswer(answer);
        }
    }

    public CartRecord? FindCart(Guid customerId, string cartId) =>
        _carts.TryGetValue(cartId, out var cart) && cart.CustomerId == customerId ? cart : null;

    public bool CartExists(string cartId) => _carts.ContainsKey(cartId);

    public int CountCarts() => _carts.Count;

    public void CheckOutCart(CartRecord cart, IReadOnlyList<LedgerOrder> orders, StoredAnswer? answer)
    {
        _carts[cart.CartId] = cart;
        foreach (var order in orders)
        {
            AppendOrder(order, answer: null);
        }

        if (answer is not null)
        {
            SaveAnswer(answer);
        }
    }

    public void PurgeAnswers(DateTimeOffset before)
    {
        foreach (var key in _answers.Where(a => a.Value.CreatedAt < before).Select(a => a.Key).ToList())
        {
            _answers.Remove(key);
        }
    }

    public void Dispose()
    {
    }

    private static List<LedgerOrder> Bucket<TKey>(Dictionary<TKey, List<LedgerOrder>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            bucket = [];
            index[key] = bucket;
        }

        return bucket;
    }
}
