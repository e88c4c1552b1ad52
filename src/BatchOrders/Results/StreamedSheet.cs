using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>
/// A big sheet whose data rows are streamed into the saved workbook instead of going through ClosedXML's cell model
/// (gigabytes for 100,000 rows). ClosedXML draws the sheet with its header, widths, frozen pane, auto-filter and one
/// template row whose cells carry each style the data rows use; <see cref="StreamedWorkbook.Save"/> then replaces the
/// template row with the rows written by <see cref="WriteRows"/>, one at a time, as inline strings.
/// </summary>
internal sealed class StreamedSheet
{
    /// <summary>The template row: the row the data rows replace.</summary>
    public const int TemplateRow = 2;

    public required string Name { get; init; }

    /// <summary>The number of columns (the header's), for each row's span.</summary>
    public required int Columns { get; init; }

    /// <summary>The number of data rows <see cref="WriteRows"/> writes (counted when the widths were measured).</summary>
    public required int DataRows { get; init; }

    /// <summary>The data rows, written after the header row.</summary>
    public required Action<SheetRowWriter> WriteRows { get; init; }

    /// <summary>
    /// Puts the template cells in the template row: default, quote-prefix text, date, then one cell per state colour
    /// (in <see cref="StateColours.Examples"/> order). Their values never reach the saved file.
    /// </summary>
    public static void PlaceTemplate(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        sheet.Cell(TemplateRow, 1).SetValue(0);
        var quoted = sheet.Cell(TemplateRow, 2);
        quoted.SetValue(0);
        quoted.Style.IncludeQuotePrefix = true;
        var date = sheet.Cell(TemplateRow, 3);
        date.SetValue(0);
        date.Style.NumberFormat.Format = WorkbookSheets.DateFormat;
        for (var i = 0; i < StateColours.Examples.Count; i++)
        {
            var cell = sheet.Cell(TemplateRow, 4 + i);
            cell.SetValue(0);
            StateColours.Apply(cell, StateColours.Examples[i]);
        }
    }
}
