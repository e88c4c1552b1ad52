using System.Globalization;

namespace BatchOrders.Reading;

/// <summary>
/// Formula (CSV) injection, both ways: a cell starting with <c>= + - @</c>, tab or carriage return is run as a
/// formula by spreadsheets, so BatchOrders writes such text with OWASP's leading <c>'</c>; and reading CSV back, it
/// removes exactly that prefix, so a failed-rows file submitted again as it is gives the user's original values.
/// </summary>
internal static class FormulaText
{
    /// <summary>The prefix Excel reads as "this cell is text".</summary>
    public const char TextPrefix = '\'';

    /// <summary>Whether a spreadsheet would take the value for a formula.</summary>
    public static bool LooksLikeFormula(string value) => value is not null && LooksLikeFormula(value.AsSpan());

    /// <summary>Whether a spreadsheet would take the text for a formula.</summary>
    public static bool LooksLikeFormula(ReadOnlySpan<char> value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// The value as it goes into a CSV cell: text that looks like a formula gets the prefix; a plain number such as
    /// <c>-5</c> is left alone (no spreadsheet runs it, and changing it would change the user's data).
    /// </summary>
    public static string Guard(string value) =>
        LooksLikeFormula(value) && !IsPlainNumber(value) ? TextPrefix + value : value;

    /// <summary>The value as it was before <see cref="Guard"/>: only a prefix Guard would have added is removed.</summary>
    public static string Unguard(string value) => IsGuarded(value) ? value[1..] : value;

    /// <summary>Whether <see cref="Unguard(string)"/> removes the first char of <paramref name="value"/>.</summary>
    public static bool IsGuarded(ReadOnlySpan<char> value) =>
        value.Length > 1 && value[0] == TextPrefix && LooksLikeFormula(value[1..]) && !IsPlainNumber(value[1..]);

    /// <summary>A number as a person types it: optional sign, digits, optional decimals and exponent, nothing else.</summary>
    public static bool IsPlainNumber(ReadOnlySpan<char> value) =>
        value.Length > 0 && char.IsAsciiDigit(value[^1]) &&
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
}
