using System.Globalization;
using BatchOrders.Reading;
using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>Writes the data rows of a streamed sheet as SpreadsheetML, the way ClosedXML would store the same cells.</summary>
internal sealed class SheetRowWriter
{
    private const int MaxCellText = 32_767;

    private readonly TextWriter _writer;
    private readonly string _prefix;
    private readonly string _spans;
    private readonly TemplateStyles _styles;
    private readonly List<string> _letters = [];
    private string _row = string.Empty;

    public SheetRowWriter(TextWriter writer, string prefix, int columns, TemplateStyles styles)
    {
        _writer = writer;
        _prefix = prefix;
        _spans = string.Create(CultureInfo.InvariantCulture, $"1:{columns}");
        _styles = styles;
        for (var c = 1; c <= columns; c++)
        {
            _letters.Add(XLHelper.GetColumnLetterFromNumber(c));
        }
    }

    /// <summary>The last row written (1 before any: the header).</summary>
    public int LastRow { get; private set; } = 1;

    public void StartRow()
    {
        LastRow++;
        _row = LastRow.ToString(CultureInfo.InvariantCulture);
        _writer.Write('<');
        _writer.Write(_prefix);
        _writer.Write("row r=\"");
        _writer.Write(_row);
        _writer.Write("\" spans=\"");
        _writer.Write(_spans);
        _writer.Write("\">");
    }

    public void EndRow()
    {
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("row>");
    }

    /// <summary>Text, never a formula; a formula-like value gets Excel's quote prefix. Empty writes no cell.</summary>
    public void Text(int column, string? value) => Text(column, value, null);

    /// <summary>A state: text with the state's colours.</summary>
    public void State(int column, string state) => Text(column, state, _styles.States[StateColours.IndexOf(state)]);

    /// <summary>An input cell: a plain whole number as a number, anything else as text.</summary>
    public void Input(int column, string value)
    {
        if (WholeNumberCell.TryParse(value, out var number))
        {
            Number(column, number);
        }
        else
        {
            Text(column, value);
        }
    }

    public void Number(int column, long? value)
    {
        if (value is { } number)
        {
            Value(column, _styles.Default, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Date(int column, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            Value(column, _styles.Date, at.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private void Text(int column, string? value, string? style)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.Length > MaxCellText)
        {
            value = string.Concat(value.AsSpan(0, DisplayText.CutAt(value, MaxCellText - 1)), "…");
        }

        style ??= FormulaText.LooksLikeFormula(value) ? _styles.QuotePrefix : _styles.Default;
        StartCell(column, style);
        _writer.Write(" t=\"inlineStr\"><");
        _writer.Write(_prefix);
        _writer.Write("is><");
        _writer.Write(_prefix);
        _writer.Write(char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? "t xml:space=\"preserve\">" : "t>");
        WriteEscaped(value);
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("t></");
        _writer.Write(_prefix);
        _writer.Write("is></");
        _writer.Write(_prefix);
        _writer.Write("c>");
    }

    private void Value(int column, string style, string value)
    {
        StartCell(column, style);
        _writer.Write(" t=\"n\"><");
        _writer.Write(_prefix);
        _writer.Write("v>");
        _writer.Write(value);
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("v></");
        _writer.Write(_prefix);
        _writer.Write("c>");
    }

    private void StartCell(int column, string style)
    {
        _writer.Write('<');
        _writer.Write(_prefix);
        _writer.Write("c r=\"");
        _writer.Write(_letters[column - 1]);
        _writer.Write(_row);
        _writer.Write("\" s=\"");
        _writer.Write(style);
        _writer.Write('"');
    }

    /// <summary>
    /// XML-escapes the text; characters XML cannot hold become <c>_xHHHH_</c>, as Excel writes them, and so the
    /// underscore of a literal <c>_xHHHH_</c> in the text becomes <c>_x005F_</c>: a reader that decodes the escapes
    /// (Excel, ClosedXML, BatchOrders) shows the text as it was (<see cref="Reading.ExcelEscapes"/>).
    /// </summary>
    private void WriteEscaped(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '_' when ExcelEscapes.IsEscapeAt(value, i) => "_x005F_",
                '\t' or '\n' or '\r' => null,
                _ when c < 0x20 || c is '\uFFFE' or '\uFFFF' => string.Create(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_"),
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => null,
                _ when char.IsSurrogate(c) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])) =>
                    string.Create(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_"),
                _ => null,
            };

            if (replacement is null)
            {
                continue;
            }

            _writer.Write(value.AsSpan(start, i - start));
            _writer.Write(replacement);
            start = i + 1;
        }

        _writer.Write(value.AsSpan(start));
    }
}
