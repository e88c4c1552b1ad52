using System.Globalization;
using BatchOrders.Reading;
using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>
/// Draws the sheets of the results workbook. Every text goes in with <c>SetValue&lt;string&gt;</c>, which ClosedXML
/// stores as a string and never parses: no formula, no number or date guessed from text (formula injection).
/// Styles go on single cells or columns, never on whole-sheet ranges, which ClosedXML would fill with cells.
/// The big sheets (Results, Orders) get only their header, widths, pane and filter from ClosedXML: their rows are
/// streamed into the saved file by <see cref="SheetRowWriter"/> with the same values and styles (see <see cref="StreamedSheet"/>).
/// </summary>
internal static class WorkbookSheets
{
    /// <summary>Dates are real Excel dates in UTC; the format says so, whatever the reader's time zone.</summary>
    public const string DateFormat = "yyyy-mm-dd hh:mm:ss \"UTC\"";

    private const int MaxCellText = 32_767;

    private static readonly XLColor InputHeaderFill = XLColor.FromArgb(0xFF, 0xF2, 0xF2, 0xF2);
    private static readonly XLColor ResultHeaderFill = XLColor.FromArgb(0xFF, 0xDD, 0xEB, 0xF7);

    /// <summary>
    /// Draws the Results sheet's header, widths, frozen pane and filter, and returns the streamed rows (one per line).
    /// The lines are read twice: once here to measure the columns, once when the rows are written.
    /// </summary>
    public static StreamedSheet WriteResults(IXLWorksheet sheet, IReadOnlyList<string> inputHeaders, IEnumerable<ResultLine> lines)
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
        var count = 0;
        foreach (var line in lines)
        {
            count++;
            for (var c = 0; c < inputCount; c++)
            {
                var value = c < line.Cells.Count ? line.Cells[c] : string.Empty;
                if (WholeNumberCell.TryParse(value, out _))
                {
                    widths.Measure(c + 1, value.Length);
                }
                else
                {
                    Measure(widths, c + 1, value);
                }
            }

            Measure(widths, state, line.State);
            Measure(widths, state + 1, line.OrderId);
            Measure(widths, state + 2, line.SubscriptionId);
            Measure(widths, state + 3, line.Path);
            Measure(widths, state + 4, line.CartId);
            Measure(widths, state + 6, line.ErrorCode);
            Measure(widths, state + 7, line.ErrorMessage);
            Measure(widths, state + 9, line.RequestId?.ToString());
            Measure(widths, state + 10, line.CorrelationId?.ToString());
            Measure(widths, state + 12, line.OfferBought);
        }

        widths.Fixed(state + 5, 14);
        widths.Fixed(state + 8, 10);
        widths.Fixed(state + 11, 24);
        var columns = inputCount + resultNames.Count;
        Finish(sheet, count + 1, columns, widths);
        StreamedSheet.PlaceTemplate(sheet);
        return new StreamedSheet
        {
            Name = sheet.Name,
            Columns = columns,
            DataRows = count,
            WriteRows = rows =>
            {
                foreach (var line in lines)
                {
                    rows.StartRow();
                    for (var c = 0; c < inputCount; c++)
                    {
                        rows.Input(c + 1, c < line.Cells.Count ? line.Cells[c] : string.Empty);
                    }

                    rows.State(state, line.State);
                    rows.Text(state + 1, line.OrderId);
                    rows.Text(state + 2, line.SubscriptionId);
                    rows.Text(state + 3, line.Path);
                    rows.Text(state + 4, line.CartId);
                    rows.Number(state + 5, line.LineItemNumber);
                    rows.Text(state + 6, line.ErrorCode);
                    rows.Text(state + 7, line.ErrorMessage);
                    rows.Number(state + 8, line.Attempts);
                    rows.Text(state + 9, line.RequestId?.ToString());
                    rows.Text(state + 10, line.CorrelationId?.ToString());
                    rows.Date(state + 11, line.SubmittedAt);
                    rows.Text(state + 12, line.OfferBought);
                    rows.EndRow();
                }
            },
        };
    }

    /// <summary>Draws the Orders sheet's header, widths, frozen pane and filter, and returns its streamed rows.</summary>
    public static StreamedSheet WriteOrders(IXLWorksheet sheet, IEnumerable<OrderLine> orders)
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

        var count = 0;
        foreach (var order in orders)
        {
            count++;
            Measure(widths, 2, order.CustomerId);
            Measure(widths, 3, order.BillingCycle);
            Measure(widths, 4, Kind(order));
            Measure(widths, 5, order.TargetOrderId);
            Measure(widths, 7, order.InputRows);
            Measure(widths, 8, order.State);
            Measure(widths, 9, order.PartnerOrderId);
            Measure(widths, 11, order.ErrorCode);
            Measure(widths, 12, order.ErrorMessage);
            Measure(widths, 14, order.RequestId?.ToString());
            Measure(widths, 15, order.CorrelationId?.ToString());
            Measure(widths, 18, order.OrderKey);
            Measure(widths, 19, order.SupersededBy);
        }

        widths.Fixed(16, 24);
        widths.Fixed(17, 24);
        Finish(sheet, count + 1, headers.Length, widths);
        StreamedSheet.PlaceTemplate(sheet);
        return new StreamedSheet
        {
            Name = sheet.Name,
            Columns = headers.Length,
            DataRows = count,
            WriteRows = rows =>
            {
                foreach (var order in orders)
                {
                    rows.StartRow();
                    rows.Number(1, order.Number);
                    rows.Text(2, order.CustomerId);
                    rows.Text(3, order.BillingCycle);
                    rows.Text(4, Kind(order));
                    rows.Text(5, order.TargetOrderId);
                    rows.Number(6, order.LineItems);
                    rows.Text(7, order.InputRows);
                    rows.State(8, order.State);
                    rows.Text(9, order.PartnerOrderId);
                    rows.Number(10, order.HttpStatus);
                    rows.Text(11, order.ErrorCode);
                    rows.Text(12, order.ErrorMessage);
                    rows.Number(13, order.Attempts);
                    rows.Text(14, order.RequestId?.ToString());
                    rows.Text(15, order.CorrelationId?.ToString());
                    rows.Date(16, order.SubmittedAt);
                    rows.Date(17, order.CompletedAt);
                    rows.Text(18, order.OrderKey);
                    rows.Text(19, order.SupersededBy);
                    rows.EndRow();
                }
            },
        };
    }

    /// <summary>The Validation sheet: every error, then every warning (the preflight's), one a row with its severity.</summary>
    public static void WriteValidation(IXLWorksheet sheet, IEnumerable<RowError> errors, IEnumerable<RowError>? warnings = null)
    {
        string[] headers = ["Sheet", "Row", "Column", "Value", "Problem", "Severity"];
        var widths = new ColumnWidths();
        for (var c = 0; c < headers.Length; c++)
        {
            Header(sheet.Cell(1, c + 1), headers[c], ResultHeaderFill, widths, c + 1);
        }

        var row = 1;
        foreach (var (error, severity) in errors.Select(e => (e, "error")).Concat((warnings ?? []).Select(w => (w, "warning"))))
        {
            row++;
            Text(sheet.Cell(row, 1), error.Sheet, widths, 1);
            Number(sheet.Cell(row, 2), error.Row);
            Text(sheet.Cell(row, 3), error.Column, widths, 3);
            Text(sheet.Cell(row, 4), error.Value, widths, 4);
            Text(sheet.Cell(row, 5), error.Message, widths, 5);
            Text(sheet.Cell(row, 6), severity, widths, 6);
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
        if (FormulaText.LooksLikeFormula(value))
        {
            cell.Style.IncludeQuotePrefix = true;
        }

        widths?.Measure(column, value.Length);
    }

    /// <summary>An input cell: a plain whole number as a number (quantities add up), anything else as text.</summary>
    public static void InputCell(IXLCell cell, string value, ColumnWidths widths, int column)
    {
        if (WholeNumberCell.TryParse(value, out var number))
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

    private static string Kind(OrderLine order) => order.IsAddOn ? "add-on" : "create";

    /// <summary>Measures a text the way <see cref="Text"/> would write it (empty: no cell; too long: cut).</summary>
    private static void Measure(ColumnWidths widths, int column, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            widths.Measure(column, Math.Min(value.Length, MaxCellText));
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
}
