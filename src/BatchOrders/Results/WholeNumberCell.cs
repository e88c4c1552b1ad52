using System.Globalization;

namespace BatchOrders.Results;

/// <summary>Which texts a workbook may store as numbers: whole numbers Excel shows exactly as written, so a quantity can be summed and reads back as the same text.</summary>
internal static class WholeNumberCell
{
    /// <summary>True for a whole number without leading zeros or sign, of at most 9 digits; <paramref name="number"/> is its value.</summary>
    public static bool TryParse(string value, out long number)
    {
        number = 0;
        if (value.Length is 0 or > 9 || (value.Length > 1 && value[0] == '0'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        number = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
