using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// The stable keys of a planned order. The group key hashes its group alone (customer, billing cycle, target order,
/// order group, part): the slot an order fills whatever its content. The order key hashes the group key and the
/// order's line items in their canonical order (<see cref="LineContent"/>), never row numbers or the rows' order, so
/// sorting, moving or re-saving a file, inserting blank rows or adding other columns changes nothing.
/// </summary>
internal static class OrderKeys
{
    private const string Version = "order-key/v2";
    private const string GroupVersion = "order-group/v1";
    private const string FamilyVersion = "order-family/v1";

    /// <summary>The key of an order's slot: its group and part, not its content.</summary>
    public static string Group(string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Group(hash, customerId, billingCycle, orderId, orderGroup, part);
    }

    /// <summary>The group key, hashed with <paramref name="hash"/> (SHA-256, left reset).</summary>
    public static string Group(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        var input = new HashInput(256);
        try
        {
            input.Append(GroupVersion);
            input.Append(customerId);
            input.Append(billingCycle?.ToWireValue());
            input.Append(orderId);
            input.Append(orderGroup?.ToUpperInvariant());
            input.Append(part);
            return Finish(hash, input);
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>
    /// The key of the group all of an order's parts and paths share (customer, billing cycle, target order, order
    /// group): the lines any of them bought are bought for all, so rows that move between parts or paths are never
    /// bought twice.
    /// </summary>
    public static string Family(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup)
    {
        var input = new HashInput(256);
        try
        {
            input.Append(FamilyVersion);
            input.Append(customerId);
            input.Append(billingCycle?.ToWireValue());
            input.Append(orderId);
            input.Append(orderGroup?.ToUpperInvariant());
            return Finish(hash, input);
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>The order key of the line items <paramref name="lines"/>, in canonical order, filling <paramref name="groupKey"/>.</summary>
    public static string Compute(string groupKey, ReadOnlySpan<LineContent> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Compute(hash, groupKey, lines);
    }

    /// <summary>
    /// The same key, hashed with <paramref name="hash"/> (SHA-256, left reset): a planner keying hundreds of
    /// thousands of orders reuses one hash object instead of creating one per order.
    /// </summary>
    public static string Compute(IncrementalHash hash, string groupKey, ReadOnlySpan<LineContent> lines)
    {
        // The hashed bytes are laid out in one pooled buffer and hashed in one call: an array and an interop call
        // per field cost more than the hashing itself when a batch has hundreds of thousands of orders.
        var input = new HashInput(512);
        try
        {
            input.Append(Version);
            input.Append(groupKey);
            foreach (var line in lines)
            {
                input.Append(line.OfferId);
                input.Append(line.Quantity);
                input.Append(line.FriendlyName);
                input.Append(line.ParentSubscriptionId);
                input.Append(line.TermDuration);
                input.Append(line.PromotionId);
                input.Append(line.PartnerIdOnRecord);
            }

            return Finish(hash, input);
        }
        finally
        {
            input.Dispose();
        }
    }

    private static string Finish(IncrementalHash hash, HashInput input)
    {
        Span<byte> digest = stackalloc byte[32];
        hash.AppendData(input.Written);
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
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
