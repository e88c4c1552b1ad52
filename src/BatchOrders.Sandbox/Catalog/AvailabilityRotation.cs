using System.Security.Cryptography;
using System.Text;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// Availability ids "are reissued on a regular basis" (Microsoft): every <see cref="SandboxOptions.AvailabilityRotation"/>
/// after the sandbox starts, and at each <see cref="RotateNow"/>, every new-commerce SKU gets a new availability id;
/// the one before is gone (404 400019 on reads, refused on a cart line). Generation 0 is the seeded id; later ids are
/// derived from the product, SKU and generation, so a restart with the same settings gives the same ids. Rotations on
/// demand are kept with the sandbox's state (<paramref name="rotated"/> from it, <paramref name="save"/> into it), so
/// a sandbox restarted on its state file keeps today's ids; the schedule counts from each start.
/// </summary>
internal sealed class AvailabilityRotation(TimeSpan? period, TimeProvider time, int rotated = 0, Action<int>? save = null)
{
    private const string Alphabet = "0123456789BCDFGHJKLMNPQRSTVWXZ";

    private readonly DateTimeOffset _start = time.GetUtcNow();
    private int _manual = rotated;

    /// <summary>How many times availabilities have rotated since the sandbox started.</summary>
    public int Generation
    {
        get
        {
            var scheduled = period is { } p && p > TimeSpan.Zero ? (int)Math.Min(int.MaxValue / 2, (time.GetUtcNow() - _start) / p) : 0;
            return scheduled + Volatile.Read(ref _manual);
        }
    }

    /// <summary>Rotates every availability now (the operator endpoint <c>POST /_sandbox/rotate-availabilities</c>).</summary>
    public int RotateNow()
    {
        save?.Invoke(Interlocked.Increment(ref _manual));
        return Generation;
    }

    /// <summary>The availability id of a new-commerce offer in <paramref name="generation"/>.</summary>
    public static string AvailabilityId(CatalogOffer offer, int generation)
    {
        if (generation == 0)
        {
            return offer.AvailabilityId;
        }

        // Same length and look as the seeded id: its first eight characters, then four derived ones.
        var seeded = offer.AvailabilityId;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{offer.ProductSku}|{generation}"));
        var suffix = new char[4];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        var id = seeded[..Math.Max(0, seeded.Length - suffix.Length)] + new string(suffix);
        return string.Equals(id, seeded, StringComparison.OrdinalIgnoreCase) ? seeded[..^1] + "X" : id;
    }
}
