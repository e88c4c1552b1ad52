using System.Collections.Frozen;
using System.Text;

namespace BatchOrders.Reading;

/// <summary>The catalogue of known columns and the header names (aliases) that mean each of them.</summary>
internal static class InputColumns
{
    /// <summary>Every known column, in template order: the required ones first.</summary>
    public static IReadOnlyList<InputColumnInfo> All { get; } =
    [
        new(InputColumn.CustomerId, "CustomerId", true,
            "The customer's Microsoft Entra tenant id (a GUID).",
            "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08",
            ["Customer ID", "CustomerTenantId", "Customer Tenant Id", "Tenant Id", "TenantId", "Microsoft Id", "Customer Microsoft Id"]),
        new(InputColumn.OfferId, "OfferId", true,
            "The offer to buy: a new-commerce catalog id PRODUCT:SKU:AVAILABILITY (or PRODUCT:SKU: the preflight takes today's availability), or a legacy offer GUID.",
            "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM",
            ["Offer ID", "Catalog Item Id", "CatalogItemId", "Catalog Id"]),
        new(InputColumn.Quantity, "Quantity", true,
            "How many licences: a whole number, 1 or more.",
            "25",
            ["Qty", "Seats", "Licenses", "Licences", "License Count", "Licence Count", "Seat Count"]),
        new(InputColumn.BillingCycle, "BillingCycle", false,
            "Monthly, Annual, None, OneTime, Triennial or Biennial. Blank: the order's default.",
            "Monthly",
            ["Billing Cycle", "Billing", "Billing Frequency", "Billing Period"]),
        new(InputColumn.FriendlyName, "FriendlyName", false,
            "The name shown on the subscription.",
            "Office 365 E3 - Sales",
            ["Friendly Name", "Subscription Name", "Subscription Friendly Name", "Nickname"]),
        new(InputColumn.ParentSubscriptionId, "ParentSubscriptionId", false,
            "Add-ons only: the subscription (GUID) the add-on attaches to. Needs OrderId too.",
            "10704f2f-3fc6-4e42-8acf-08df4f81c93c",
            ["Parent Subscription Id", "Parent Subscription", "Parent Subscription Guid", "Base Subscription Id"]),
        new(InputColumn.OrderId, "OrderId", false,
            "Add-ons only: the existing order the add-on is added to (the parent subscription's order id).",
            "Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1",
            ["Order ID", "Existing Order Id", "Parent Order Id", "Target Order Id"]),
        new(InputColumn.TermDuration, "TermDuration", false,
            "The term as an ISO 8601 duration: P1M (one month), P1Y (one year) or P3Y (three years).",
            "P1Y",
            ["Term Duration", "Term", "Term Length", "Commitment Term"]),
        new(InputColumn.PromotionId, "PromotionId", false,
            "A promotion to apply, as Partner Center names it.",
            "39NFJQT1Q5KL:0001",
            ["Promotion ID", "Promotion", "Promo Id", "Promo Code"]),
        new(InputColumn.PartnerIdOnRecord, "PartnerIdOnRecord", false,
            "The indirect reseller's partner id (digits) when you order on its behalf.",
            "1234567",
            ["Partner Id On Record", "Partner Id", "MPN Id", "MpnId", "Reseller MPN Id", "Indirect Reseller Id", "PartnerOnRecord"]),
        new(InputColumn.OrderGroup, "OrderGroup", false,
            "Optional label: rows of one customer with different groups become separate orders.",
            "wave-1",
            ["Order Group", "Group", "Batch Group"]),
    ];

    private static readonly FrozenDictionary<string, InputColumnInfo> ByHeaderKey = BuildHeaderIndex();

    /// <summary>The column a header name means, or null for a column BatchOrders does not know.</summary>
    public static InputColumnInfo? FindByHeader(string header) =>
        ByHeaderKey.GetValueOrDefault(HeaderKey(header));

    /// <summary>The information for one known column.</summary>
    public static InputColumnInfo Get(InputColumn column) => All[(int)column];

    /// <summary>A header as it is matched: case-insensitive, ignoring spaces, '_', '-', '.' and invisible format characters.</summary>
    public static string HeaderKey(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var key = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (IsKeyCharacter(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    /// <summary>Writes the <see cref="HeaderKey(string)"/> of <paramref name="text"/> into <paramref name="key"/> (at least as long); returns its length.</summary>
    internal static int HeaderKey(ReadOnlySpan<char> text, Span<char> key)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (IsKeyCharacter(c))
            {
                key[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }

    // Invisible format characters (a second byte order mark, a zero-width space pasted with a name) are no part of it.
    private static bool IsKeyCharacter(char c) =>
        !char.IsWhiteSpace(c) && c is not ('_' or '-' or '.') && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format;

    private static FrozenDictionary<string, InputColumnInfo> BuildHeaderIndex()
    {
        var index = new Dictionary<string, InputColumnInfo>(StringComparer.Ordinal);
        foreach (var info in All)
        {
            index.Add(HeaderKey(info.Name), info);
            foreach (var alias in info.Aliases)
            {
                index.TryAdd(HeaderKey(alias), info);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
