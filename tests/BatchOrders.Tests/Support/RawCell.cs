namespace BatchOrders.Tests.Support;

/// <summary>
/// One cell as a workbook stores it, for the binary workbook builders (<see cref="RawXlsb"/>, <see cref="RawXls"/>):
/// text, a number (a double, with a number format code such as "yyyy-mm-dd" when it shows a date), a boolean or an
/// Excel error code; <see cref="Formula"/> marks a formula whose saved value this is.
/// </summary>
public sealed record RawCell(object Value, string? Format = null, bool Formula = false)
{
    /// <summary>#DIV/0! as [MS-XLS] and [MS-XLSB] code it.</summary>
    public const byte DivideByZero = 0x07;

    /// <summary>#N/A.</summary>
    public const byte NotAvailable = 0x2A;

    public static RawCell Text(string text) => new(text);

    public static RawCell Number(double value, string? format = null) => new(value, format);

    public static RawCell FormulaNumber(double value, string? format = null) => new(value, format, Formula: true);

    public static RawCell FormulaText(string text) => new(text, Formula: true);

    public static RawCell Error(byte code) => new(new RawError(code), Formula: true);

    /// <summary>A row of text cells (null leaves a cell out).</summary>
    public static RawCell?[] Texts(params string?[] texts) => [.. texts.Select(t => t is null ? null : Text(t))];
}

/// <summary>An Excel error value by its code.</summary>
public sealed record RawError(byte Code);

/// <summary>One stored row: its Excel row number and its cells from column A (null for no cell).</summary>
public sealed record RawRow(int Number, params RawCell?[] Cells);
