using System.Globalization;
using BatchOrders.Reading;
using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>
/// Draws the sheets of the results workbook. Every text goes in with <c>SetValue&lt;string&gt;</c>, which ClosedXML
/// stores as a string and never parses: no formula, no number or date guessed from text (formula injection).
/// Styles go on single cells or columns, never on whole-sheet ranges, which ClosedXML would fill with cells.
/// </summary>
internal static class WorkbookSheets
{
    /// <summary>Dates are real Excel dates in UTC; the format says so, whatever the reader's time zone.</summary>
    public const string DateFormat = "yyyy-mm-dd hh:mm:ss \"UTC\"";

    private const int MaxCellText = 32_767;
    private const int MinWidth = 8;
    private const int MaxWidth = 60;

    private static readonly XLColor InputHeaderFill = XLColor.FromArgb(0xFF, 0xF2, 0xF2, 0xF2);
    private static readonly XLColor ResultHeaderFill = XLColor.FromArgb(0xFF, 0xDD, 0xEB, 0xF7);

    public static void WriteResults(IXLWorksheet sheet, IReadOnlyList<string> inputHeaders, IEnumerable<ResultLine> lines)
    {
        var resultNames = ResultColumnNames(inputHeaders);
        var inputCount = inputHeaders.Count;
        var widths = new ColumnWidths();
        for (var c = 0; c < inputCount; c++)
        {
            Header(sheet.Cell(1, c + 1), inputHeaders[c], InputHeaderFill, widths, c + 1);
        }

        for (var c = 0; c < resultNames.Count; c++)
        {
            Header(sheet.Cell(1, inputCount + c + 1), resultNames[c], ResultHeaderFill, widths, inputCount + c + 1);
        }

        var state = inputCount + 1;
        var row = 1;
        foreach (var line in lines)
        {
            row++;
            for (var c = 0; c < inputCount; c++)
            {
                InputCell(sheet.Cell(row, c + 1), c < line.Cells.Count ? line.Cells[c] : string.Empty, widths, c + 1);
            }

            var cell = sheet.Cell(row, state);
            Text(cell, line.State, widths, state);
            StateStyle(cell, line.State);
            Text(sheet.Cell(row, state + 1), line.OrderId, widths, state + 1);
            Text(sheet.Cell(row, state + 2), line.SubscriptionId, widths, state + 2);
            Number(sheet.Cell(row, state + 3), line.LineItemNumber);
            Text(sheet.Cell(row, state + 4), line.ErrorCode, widths, state + 4);
            Text(sheet.Cell(row, state + 5), line.ErrorMessage, widths, state + 5);
            Number(sheet.Cell(row, state + 6), line.Attempts);
            Text(sheet.Cell(row, state + 7), line.RequestId?.ToString(), widths, state + 7);
            Text(sheet.Cell(row, state + 8), line.CorrelationId?.ToString(), widths, state + 8);
            Date(sheet.Cell(row, state + 9), line.SubmittedAt);
        }

        widths.Fixed(state + 3, 14);
        widths.Fixed(state + 6, 10);
        widths.Fixed(state + 9, 24);
        Finish(sheet, row, inputCount + resultNames.Count, widths);
    }

    public static void WriteOrders(IXLWorksheet sheet, IEnumerable<OrderLine> orders)
    {
        string[] headers =
        [
            "Order", "CustomerId", "BillingCycle", "Kind", "TargetOrderId", "LineItems", "InputRows", "State", "PartnerOrderId",
            "HttpStatus", "ErrorCode", "ErrorMessage", "Attempts", "RequestId", "CorrelationId", "SubmittedAt", "CompletedAt",
            "OrderKey", "SupersededBy",
        ];
        var widths = new ColumnWidths();
        for (var c = 0; c < headers.Length; c++)
        {
            Header(sheet.Cell(1, c + 1), headers[c], ResultHeaderFill, widths, c + 1);
        }

        var row = 1;
        foreach (var order in orders)
        {
            row++;
            Number(sheet.Cell(row, 1), order.Number);
            Text(sheet.Cell(row, 2), order.CustomerId, widths, 2);
            Text(sheet.Cell(row, 3), order.BillingCycle, widths, 3);
            Text(sheet.Cell(row, 4), order.IsAddOn ? "add-on" : "create", widths, 4);
            Text(sheet.Cell(row, 5), order.TargetOrderId, widths, 5);
            Number(sheet.Cell(row, 6), order.LineItems);
            Text(sheet.Cell(row, 7), order.InputRows, widths, 7);
            Text(sheet.Cell(row, 8), order.State, widths, 8);
            StateStyle(sheet.Cell(row, 8), order.State);
            Text(sheet.Cell(row, 9), order.PartnerOrderId, widths, 9);
            Number(sheet.Cell(row, 10), order.HttpStatus);
            Text(sheet.Cell(row, 11), order.ErrorCode, widths, 11);
            Text(sheet.Cell(row, 12), order.ErrorMessage, widths, 12);
            Number(sheet.Cell(row, 13), order.Attempts);
            Text(sheet.Cell(row, 14), order.RequestId?.ToString(), widths, 14);
            Text(sheet.Cell(row, 15), order.CorrelationId?.ToString(), widths, 15);
            Date(sheet.Cell(row, 16), order.SubmittedAt);
            Date(sheet.Cell(row, 17), order.CompletedAt);
            Text(sheet.Cell(row, 18), order.OrderKey, widths, 18);
            Text(sheet.Cell(row, 19), order.SupersededBy, widths, 19);
        }

        widths.Fixed(16, 24);
        widths.Fixed(17, 24);
        Finish(sheet, row, headers.Length, widths);
    }

    public static void WriteValidation(IXLWorksheet sheet, IEnumerable<RowError> errors)
    {
        string[] headers = ["Sheet", "Row", "Column", "Value", "Problem"];
        var widths = new ColumnWidths();
        for (var c = 0; c < headers.Length; c++)
        {
            Header(sheet.Cell(1, c + 1), headers[c], ResultHeaderFill, widths, c + 1);
        }

        var row = 1;
        foreach (var error in errors)
        {
            row++;
            Text(sheet.Cell(row, 1), error.Sheet, widths, 1);
            Number(sheet.Cell(row, 2), error.Row);
            Text(sheet.Cell(row, 3), error.Column, widths, 3);
            Text(sheet.Cell(row, 4), error.Value, widths, 4);
            Text(sheet.Cell(row, 5), error.Message, widths, 5);
        }

        widths.Fixed(2, 8);
        widths.Fixed(5, 100);
        Finish(sheet, row, headers.Length, widths);
        sheet.Column(5).Style.Alignment.WrapText = true;
    }

    /// <summary>The result columns' names, each moved aside as "NAME (result)" when an input column has that name.</summary>
    public static IReadOnlyList<string> ResultColumnNames(IReadOnlyList<string> inputHeaders)
    {
        var taken = inputHeaders.Select(InputColumns.HeaderKey).ToHashSet(StringComparer.Ordinal);
        return ResultsWorkbook.ResultColumns.Select(name => taken.Contains(InputColumns.HeaderKey(name)) ? $"{name} (result)" : name).ToList();
    }

    /// <summary>Text, never a formula; a formula-like value also gets Excel's quote prefix so editing it keeps it text.</summary>
    public static void Text(IXLCell cell, string? value, ColumnWidths? widths = null, int column = 0)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.Length > MaxCellText)
        {
            value = string.Concat(value.AsSpan(0, MaxCellText - 1), "…");
        }

        cell.SetValue<string>(value);
        if (FormulaGuard.LooksLikeFormula(value))
        {
            cell.Style.IncludeQuotePrefix = true;
        }

        widths?.Measure(column, value.Length);
    }

    /// <summary>An input cell: a plain whole number as a number (quantities add up), anything else as text.</summary>
    public static void InputCell(IXLCell cell, string value, ColumnWidths widths, int column)
    {
        if (FormulaGuard.IsCanonicalWholeNumber(value, out var number))
        {
            cell.SetValue(number);
            widths.Measure(column, value.Length);
        }
        else
        {
            Text(cell, value, widths, column);
        }
    }

    public static void Number(IXLCell cell, long? value)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
        }
    }

    public static void Date(IXLCell cell, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            cell.SetValue(at.UtcDateTime);
            cell.Style.NumberFormat.Format = DateFormat;
        }
    }

    public static void StateStyle(IXLCell cell, string state)
    {
        var (fill, font) = state switch
        {
            "Succeeded" => (0xC6EFCE, 0x006100),
            "Failed" => (0xFFC7CE, 0x9C0006),
            "Conflict" or "Pending" or "Sending" => (0xFFEB9C, 0x9C5700),
            "Planned" => (0xDDEBF7, 0x1F4E78),
            _ => (0xEDEDED, 0x595959),
        };
        cell.Style.Fill.BackgroundColor = XLColor.FromArgb(fill);
        cell.Style.Font.FontColor = XLColor.FromArgb(font);
    }

    public static string FormatRows(IEnumerable<int> rows)
    {
        // "2-4, 7": consecutive rows as ranges, so a 50-line order stays readable.
        var parts = new List<string>();
        int? start = null, previous = null;
        foreach (var row in rows.Order())
        {
            if (previous is { } p && row == p + 1)
            {
                previous = row;
                continue;
            }

            Flush();
            start = previous = row;
        }

        Flush();
        return string.Join(", ", parts);

        void Flush()
        {
            if (start is { } s && previous is { } e)
            {
                parts.Add(s == e ? s.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{s}-{e}"));
            }
        }
    }

    private static void Header(IXLCell cell, string name, XLColor fill, ColumnWidths widths, int column)
    {
        Text(cell, name, widths, column);
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = fill;
    }

    private static void Finish(IXLWorksheet sheet, int lastRow, int lastColumn, ColumnWidths widths)
    {
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(lastRow, 1), lastColumn).SetAutoFilter();
        for (var c = 1; c <= lastColumn; c++)
        {
            sheet.Column(c).Width = widths.Width(c);
        }
    }

    /// <summary>Column widths from the longest text written (AdjustToContents needs GDI+, absent on Linux).</summary>
    internal sealed class ColumnWidths
    {
        private readonly Dictionary<int, int> _longest = [];
        private readonly Dictionary<int, int> _fixed = [];

        public void Measure(int column, int length)
        {
            if (column > 0 && length > _longest.GetValueOrDefault(column))
            {
                _longest[column] = length;
            }
        }

        public void Fixed(int column, int width) => _fixed[column] = width;

        public double Width(int column) =>
            _fixed.TryGetValue(column, out var width) ? width : Math.Clamp(_longest.GetValueOrDefault(column) + 2, MinWidth, MaxWidth);
    }
}
