using System.Globalization;

namespace BatchOrders.Results;

/// <summary>
/// Formula (CSV) injection: a cell that starts with <c>= + - @</c>, tab or carriage return is run as a formula by
/// Excel, LibreOffice and Google Sheets when the file is opened, so every such value BatchOrders writes is text.
/// </summary>
internal static class FormulaGuard
{
    /// <summary>The prefix Excel reads as "this cell is text" (OWASP's advice for CSV).</summary>
    public const char TextPrefix = '\'';

    /// <summary>Whether a spreadsheet would take the value for a formula.</summary>
    public static bool LooksLikeFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// The value as it goes into a CSV cell. A value that looks like a formula gets a leading <c>'</c>: Excel opens
    /// it as the text without the apostrophe (and saves it back without one), other readers see the apostrophe.
    /// A plain number such as <c>-5</c> or <c>+1.5</c> is left alone: no spreadsheet runs it, and changing it would
    /// change the user's data. This costs an exact round trip only for text that starts with one of those
    /// characters; see FailedRowsFile for why that is the right trade.
    /// </summary>
    public static string ForCsv(string value) =>
        LooksLikeFormula(value) && !IsPlainNumber(value) ? TextPrefix + value : value;

    /// <summary>A number as a person types it: optional sign, digits, optional decimals and exponent, nothing else.</summary>
    public static bool IsPlainNumber(string value) =>
        value.Length > 0 && char.IsAsciiDigit(value[^1]) &&
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

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
