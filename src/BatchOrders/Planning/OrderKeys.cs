using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// The stable key of a planned order: a hash of its group (customer, billing cycle, target order, group, part)
/// and of its line items' content, never of row numbers, so inserting a blank line changes nothing. The group key
/// hashes the group alone (under its own prefix), naming the slot an order fills whatever its content.
/// </summary>
internal static class OrderKeys
{
    private const string Version = "order-key/v1";
    private const string GroupVersion = "order-group/v1";

    /// <summary>The key of an order's slot: its group and part, not its content.</summary>
    public static string Group(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Group(hash, customerId, billingCycle, orderId, orderGroup, part);
    }

    /// <summary>The group key, hashed with <paramref name="hash"/> (SHA-256, left reset).</summary>
    internal static string Group(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part) =>
        Hash(hash, GroupVersion, customerId, billingCycle, orderId, orderGroup, part, []);

    public static string Compute(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part, IEnumerable<OrderRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Compute(customerId, billingCycle, orderId, orderGroup, part, rows is OrderRow[] array ? array : [.. rows]);
    }

    /// <summary>The same key for rows the caller already holds together, without copying them.</summary>
    internal static string Compute(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part, ReadOnlySpan<OrderRow> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Compute(hash, customerId, billingCycle, orderId, orderGroup, part, rows);
    }

    /// <summary>
    /// The same key, hashed with <paramref name="hash"/> (SHA-256, left reset): a planner keying hundreds of
    /// thousands of orders reuses one hash object instead of creating one per order.
    /// </summary>
    internal static string Compute(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part, ReadOnlySpan<OrderRow> rows) =>
        Hash(hash, Version, customerId, billingCycle, orderId, orderGroup, part, rows);

    private static string Hash(IncrementalHash hash, string version, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part, ReadOnlySpan<OrderRow> rows)
    {
        // The hashed bytes are laid out in one pooled buffer and hashed in one call: an array and an interop call
        // per field cost more than the hashing itself when a batch has hundreds of thousands of orders.
        var input = new HashInput(512);
        try
        {
            input.Append(version);
            input.Append(customerId);
            input.Append(billingCycle?.ToWireValue());
            input.Append(orderId);
            input.Append(orderGroup?.ToUpperInvariant());
            input.Append(part);
            foreach (var row in rows)
            {
                input.Append(row.OfferId);
                input.Append(row.Quantity);
                input.Append(row.FriendlyName);
                input.Append(row.ParentSubscriptionId);
                input.Append(row.TermDuration);
                input.Append(row.PromotionId);
                input.Append(row.PartnerIdOnRecord);
            }

            Span<byte> digest = stackalloc byte[32];
            hash.AppendData(input.Written);
            hash.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest[..16]);
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>
    /// The bytes that are hashed: each value length-prefixed (Int32, little-endian), with null (-1) distinct from
    /// empty, so ("ab","c") and ("a","bc") never collide; text as UTF-8, numbers as their invariant text.
    /// </summary>
    private struct HashInput : IDisposable
    {
        private byte[] _buffer;
        private int _length;

        public HashInput(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Append(string? value)
        {
            if (value is null)
            {
                Reserve(4);
                BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), -1);
                _length += 4;
                return;
            }

            Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
            _length += 4 + written;
        }

        public void Append(int value)
        {
            // int.ToString(InvariantCulture) is ASCII, so its UTF-8 is the same text.
            Reserve(4 + 11);
            value.TryFormat(_buffer.AsSpan(_length + 4), out var written, default, CultureInfo.InvariantCulture);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
            _length += 4 + written;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Reserve(int bytes)
        {
            if (_length + bytes <= _buffer.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
