using System.Security.Cryptography;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// The stable keys of a planned order. The group key hashes its group alone (customer, billing cycle, target order,
/// order group, part): the slot an order fills whatever its content. The order key hashes the group key and the
/// order's line items in their canonical order (<see cref="LineContent"/>), never row numbers or the rows' order, so
/// sorting, moving or re-saving a file, inserting blank rows or adding other columns changes nothing. The bytes each
/// key hashes are laid out by the Append methods (<see cref="KeyMessages"/>), whether a key is hashed alone or with
/// a planner's thousands of others.
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
        var messages = new KeyMessages(256);
        AppendGroup(messages, customerId, billingCycle, orderId, orderGroup, part);
        return Finish(hash, messages);
    }

    /// <summary>
    /// The key of the group all of an order's parts and paths share (customer, billing cycle, target order, order
    /// group): the lines any of them bought are bought for all, so rows that move between parts or paths are never
    /// bought twice.
    /// </summary>
    public static string Family(IncrementalHash hash, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup)
    {
        var messages = new KeyMessages(256);
        AppendFamily(messages, customerId, billingCycle, orderId, orderGroup);
        return Finish(hash, messages);
    }

    /// <summary>The order key of the line items <paramref name="lines"/>, in canonical order, filling <paramref name="groupKey"/>.</summary>
    public static string Compute(string groupKey, ReadOnlySpan<LineContent> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return Compute(hash, groupKey, lines);
    }

    /// <summary>The same key, hashed with <paramref name="hash"/> (SHA-256, left reset).</summary>
    public static string Compute(IncrementalHash hash, string groupKey, ReadOnlySpan<LineContent> lines)
    {
        var messages = new KeyMessages(512);
        messages.Append(Version);
        messages.Append(groupKey);
        foreach (var line in lines)
        {
            AppendLine(messages, line);
        }

        messages.End();
        return Finish(hash, messages);
    }

    /// <summary>Writes the message of a group key and ends it.</summary>
    public static void AppendGroup(KeyMessages messages, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int part)
    {
        messages.Append(GroupVersion);
        messages.Append(customerId);
        messages.Append(billingCycle?.ToWireValue());
        messages.Append(orderId);
        messages.Append(orderGroup?.ToUpperInvariant());
        messages.Append(part);
        messages.End();
    }

    /// <summary>Writes the message of a family key and ends it.</summary>
    public static void AppendFamily(KeyMessages messages, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup)
    {
        messages.Append(FamilyVersion);
        messages.Append(customerId);
        messages.Append(billingCycle?.ToWireValue());
        messages.Append(orderId);
        messages.Append(orderGroup?.ToUpperInvariant());
        messages.End();
    }

    /// <summary>
    /// Writes the messages of a group's family key and of its <paramref name="parts"/> group keys, each as
    /// <see cref="AppendFamily"/> and <see cref="AppendGroup"/> write it, the values they share encoded once.
    /// </summary>
    public static void AppendFamilyAndGroups(KeyMessages messages, string customerId, BillingCycle? billingCycle, string? orderId, string? orderGroup, int parts)
    {
        messages.Append(FamilyVersion);
        var shared = messages.Length;
        messages.Append(customerId);
        messages.Append(billingCycle?.ToWireValue());
        messages.Append(orderId);
        messages.Append(orderGroup?.ToUpperInvariant());
        var sharedLength = messages.Length - shared;
        messages.End();
        for (var part = 0; part < parts; part++)
        {
            messages.Append(GroupVersion);
            messages.Repeat(shared, sharedLength);
            messages.Append(part);
            messages.End();
        }
    }

    /// <summary>
    /// Starts the message of an order key filling the group of <paramref name="groupKey"/>; the order's line
    /// items follow (<see cref="AppendLine"/>), in canonical order, then <see cref="KeyMessages.End"/>.
    /// </summary>
    public static void StartOrder(KeyMessages messages, KeyDigest groupKey)
    {
        messages.Append(Version);
        messages.Append(groupKey);
    }

    /// <summary>Writes one line item of an order key's message.</summary>
    public static void AppendLine(KeyMessages messages, in LineContent line)
    {
        messages.Append(line.OfferId);
        messages.Append(line.Quantity);
        messages.Append(line.FriendlyName);
        messages.Append(line.ParentSubscriptionId);
        messages.Append(line.TermDuration);
        messages.Append(line.PromotionId);
        messages.Append(line.PartnerIdOnRecord);
    }

    private static string Finish(IncrementalHash hash, KeyMessages messages)
    {
        Span<byte> digest = stackalloc byte[32];
        hash.AppendData(messages.Written);
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..Sha256Batch.DigestBytes]);
    }
}
