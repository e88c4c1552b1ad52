using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// The stable key of a planned order: a hash of its group (customer, billing cycle, target order, group, part)
/// and of its line items' content, never of row numbers, so inserting a blank line changes nothing.
/// </summary>
public static class OrderKeys
{
    private const string Version = "order-key/v1";

    /// <summary>The key of an order's slot: its group and part, not its content.</summary>
    public static string Group(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendGroup(hash, customerId, billingCycle, orderId, orderGroup, part);
        return Digest(hash);
    }

    /// <summary>The key of an order: its group and part and the content of its line items.</summary>
    public static string Compute(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part, IEnumerable<OrderRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendGroup(hash, customerId, billingCycle, orderId, orderGroup, part);
        foreach (var row in rows)
        {
            Append(hash, row.OfferId);
            Append(hash, row.Quantity.ToString(CultureInfo.InvariantCulture));
            Append(hash, row.FriendlyName);
            Append(hash, row.ParentSubscriptionId);
            Append(hash, row.TermDuration);
            Append(hash, row.PromotionId);
            Append(hash, row.PartnerIdOnRecord);
        }

        return Digest(hash);
    }

    private static void AppendGroup(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        Append(hash, Version);
        Append(hash, customerId);
        Append(hash, billingCycle?.ToWireValue());
        Append(hash, orderId);
        Append(hash, orderGroup?.ToUpperInvariant());
        Append(hash, part.ToString(CultureInfo.InvariantCulture));
    }

    private static string Digest(IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    // Length-prefixed, with null distinct from empty, so ("ab","c") and ("a","bc") never collide.
    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
