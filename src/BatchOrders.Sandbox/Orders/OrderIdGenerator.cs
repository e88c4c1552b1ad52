using BatchOrders.Sandbox.Storage;

namespace BatchOrders.Sandbox.Orders;

/// <summary>
/// Order ids (opaque strings such as <c>Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1</c>), subscription and cart ids, from a Random
/// seeded by the sandbox seed and the size of the ledger (or of the cart table) it starts with, so a restart on the same state file with the
/// same seed does not hand out the ids of its previous life. Separate from the fault Random, so business outcomes
/// never shift the fault sequence. Not thread-safe: used under the state lock.
/// </summary>
internal sealed class OrderIdGenerator(int seed, int existingEntries)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

#pragma warning disable CA5394 // Deterministic ids are the point: a seed replays a run.
    private readonly Random _random = new(unchecked(seed ^ (existingEntries * -1640531535)));

    public string NextOrderId()
    {
        Span<char> id = stackalloc char[33];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[_random.Next(i < 2 ? 52 : Alphabet.Length)];
        }

        id[2] = '_';
        return new string(id);
    }

    /// <summary>The next order id that no order in <paramref name="store"/> has yet.</summary>
    public string NextOrderId(ISandboxStore store)
    {
        var orderId = NextOrderId();
        while (store.OrderExists(orderId))
        {
            orderId = NextOrderId();
        }

        return orderId;
    }

    public Guid NextSubscriptionId() => NextGuid();

    /// <summary>A random (version 4) GUID from the seeded stream.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
#pragma warning restore CA5394
}
