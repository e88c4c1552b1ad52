using System.Globalization;

using BatchOrders.Reading;

namespace BatchOrders.Results;

/// <summary>
/// Formula (CSV) injection: a cell that starts with <c>= + - @</c>, tab or carriage return is run as a formula by
/// Excel, LibreOffice and Google Sheets when the file is opened, so every such value BatchOrders writes is text.
/// </summary>
internal static class FormulaGuard
{
    /// <summary>The prefix Excel reads as "this cell is text" (OWASP's advice for CSV).</summary>
    public const char TextPrefix = FormulaText.TextPrefix;

    /// <summary>Whether a spreadsheet would take the value for a formula.</summary>
    public static bool LooksLikeFormula(string value) => FormulaText.LooksLikeFormula(value);

    /// <summary>The value as it goes into a CSV cell; the CSV reader undoes exactly this (see <see cref="FormulaText"/>).</summary>
    public static string ForCsv(string value) => FormulaText.Guard(value);

    public static bool IsPlainNumber(string value) => FormulaText.IsPlainNumber(value);

    /// <summary>
    /// A whole number Excel would show exactly as written (no leading zeros, no sign, at most 9 digits), so a
    /// workbook may store it as a number (a quantity can be summed) and reading it back gives the same text.
    /// </summary>
    public static bool IsCanonicalWholeNumber(string value, out long number)
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
