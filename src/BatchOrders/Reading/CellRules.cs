using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace BatchOrders.Reading;

/// <summary>
/// What a valid value of a known column looks like, checked on the cell's text alone: quantities, catalog ids,
/// order ids, ISO 8601 terms, partner ids. <see cref="OrderRowParser"/> applies them and reports their problems.
/// </summary>
internal static partial class CellRules
{
    private const string ValidQuantity = "enter a whole number of licences, 1 or more";

    private static readonly SearchValues<char> OrderIdForbidden = SearchValues.Create(" \t/\\?#%");

    /// <summary>The quantity a cell holds, or 0 and what is wrong with it.</summary>
    public static (int Quantity, string? Problem) Quantity(string value)
    {
        if (value.Length == 0)
        {
            return (0, $"Quantity is empty: {ValidQuantity}.");
        }

        // The common case, plain digits, without the regular expressions (and the Match they allocate): neither
        // a thousands separator nor a fraction is possible, so the whole value is the number.
        if (value.Length <= 10 && IsAsciiDigits(value))
        {
            return WholeQuantity(value, value);
        }

        if (ThousandsGrouped().IsMatch(value))
        {
            return (0, $"'{DisplayText.Shorten(value)}' is ambiguous: the separator may mean thousands or decimals. Write the number without separators, such as {DisplayText.Shorten(value).Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0')}.");
        }

        var match = WholeNumber().Match(value);
        if (match.Success)
        {
            return WholeQuantity(value, match.Groups["whole"].Value);
        }

        if (decimal.TryParse(value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (0, number < 1 ? $"Quantity {DisplayText.Shorten(value)} is less than 1: {ValidQuantity}." : $"'{DisplayText.Shorten(value)}' is not a whole number: {ValidQuantity}.");
        }

        return (0, $"'{DisplayText.Shorten(value)}' is not a number: {ValidQuantity}.");
    }

    /// <summary>A new-commerce catalog id: PRODUCT:SKU:AVAILABILITY, or PRODUCT:SKU (the preflight finds today's availability).</summary>
    public static bool IsCatalogId(string value) => CatalogId().IsMatch(value);

    /// <summary>A Partner Center order id: one word of at most 128 characters, without / \ ? # %, spaces or control characters.</summary>
    public static bool IsOrderId(ReadOnlySpan<char> value)
    {
        if (value.Length > 128 || value.IndexOfAny(OrderIdForbidden) >= 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An ISO 8601 duration in upper case: P1M, P1Y, P3Y, P1Y6M.</summary>
    public static bool IsIsoDuration(string upper) => IsoDuration().IsMatch(upper);

    /// <summary>An indirect reseller's partner id: up to ten digits.</summary>
    public static bool IsPartnerId(ReadOnlySpan<char> value) => PartnerId().IsMatch(value);

    private static (int Quantity, string? Problem) WholeQuantity(string value, string whole)
    {
        if (!int.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
        {
            return (0, Invariant($"'{DisplayText.Shorten(value)}' is too large for a quantity: {ValidQuantity}, at most {int.MaxValue:N0}."));
        }

        return quantity < 1 ? (0, $"Quantity {DisplayText.Shorten(value)} is less than 1: {ValidQuantity}.") : (quantity, null);
    }

    private static bool IsAsciiDigits(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return value.Length > 0;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,20}:[A-Za-z0-9]{1,8}(?::[A-Za-z0-9]{1,20})?$", RegexOptions.CultureInvariant)]
    private static partial Regex CatalogId();

    [GeneratedRegex(@"^(?<whole>[0-9]+)(?:[.,](?<fraction>0+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();

    // "1.000" or "1,500": a European or an English thousands separator; guessing wrong orders 1000 times too few or many.
    [GeneratedRegex(@"^[0-9]{1,3}(?:[.,][0-9]{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGrouped();

    [GeneratedRegex(@"^[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartnerId();
}
