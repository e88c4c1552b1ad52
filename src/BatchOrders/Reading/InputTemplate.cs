using System.Text;
using ClosedXML.Excel;

namespace BatchOrders.Reading;

/// <summary>
/// Writes empty input templates: a CSV with the header row, and a workbook whose Orders sheet has every column,
/// a note on each header, a BillingCycle dropdown and whole-number Quantity validation, plus an Instructions sheet.
/// </summary>
public static class InputTemplate
{
    /// <summary>The name of the template's data sheet.</summary>
    public const string DataSheetName = "Orders";

    /// <summary>The name of the template's instructions sheet.</summary>
    public const string InstructionsSheetName = "Instructions";

    // Excel's last row: validation covers every row a user may fill.
    private const int LastRow = 1_048_576;

    /// <summary>The CSV template: the header row, UTF-8 with a byte order mark so Excel opens it as UTF-8.</summary>
    public static void WriteCsv(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(",", InputColumns.All.Select(c => c.Name)));
    }

    /// <summary>The Excel template.</summary>
    public static void WriteXlsx(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();
        workbook.Properties.Author = "BatchOrders";
        workbook.Properties.Title = "BatchOrders order template";
        WriteDataSheet(workbook.AddWorksheet(DataSheetName));
        WriteInstructions(workbook.AddWorksheet(InstructionsSheetName));
        workbook.Worksheet(DataSheetName).SetTabActive();
        workbook.SaveAs(output);
    }

    private static void WriteDataSheet(IXLWorksheet sheet)
    {
        for (var i = 0; i < InputColumns.All.Count; i++)
        {
            var info = InputColumns.All[i];
            var column = i + 1;
            var header = sheet.Cell(1, column);
            header.Value = info.Name;
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = info.Required ? XLColor.FromArgb(0xFF, 0xDD, 0xEB, 0xF7) : XLColor.FromArgb(0xFF, 0xF2, 0xF2, 0xF2);
            header.Comment.AddText($"{info.Name} ({(info.Required ? "required" : "optional")})");
            header.Comment.AddNewLine();
            header.Comment.AddText(info.Description);
            header.Comment.AddNewLine();
            header.Comment.AddText($"Example: {info.Example}");
            sheet.Column(column).Width = Math.Max(16, Math.Min(44, info.Example.Length + 4));

            // Ids typed as text: Excel must not turn a partner id into a number or a GUID into a date.
            // A column style, not a range style: ClosedXML would create a million cells for the range.
            if (info.Column is not InputColumn.Quantity)
            {
                sheet.Column(column).Style.NumberFormat.Format = "@";
            }
        }

        var billing = sheet.Range(2, Column(InputColumn.BillingCycle), LastRow, Column(InputColumn.BillingCycle)).SetDataValidation();
        billing.List($"\"{string.Join(",", BillingCycles.DisplayNames)}\"", true);
        billing.ErrorTitle = "Billing cycle";
        billing.ErrorMessage = $"Choose {string.Join(", ", BillingCycles.DisplayNames)}, or leave it blank.";
        billing.ShowErrorMessage = true;

        var quantity = sheet.Range(2, Column(InputColumn.Quantity), LastRow, Column(InputColumn.Quantity)).SetDataValidation();
        quantity.WholeNumber.EqualOrGreaterThan(1);
        quantity.ErrorTitle = "Quantity";
        quantity.ErrorMessage = "Enter a whole number of licences, 1 or more.";
        quantity.ShowErrorMessage = true;

        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteInstructions(IXLWorksheet sheet)
    {
        var row = 1;
        sheet.Cell(row, 1).Value = "How to fill in the Orders sheet";
        sheet.Cell(row, 1).Style.Font.Bold = true;
        sheet.Cell(row, 1).Style.Font.FontSize = 14;
        row += 2;
        string[] steps =
        [
            "1. One row is one line item: an offer and a quantity for one customer.",
            "2. Rows of the same customer and billing cycle become one order; use OrderGroup to split them into separate orders.",
            "3. Add-ons for an existing subscription need ParentSubscriptionId and OrderId (the order of the parent subscription).",
            "4. Leave unknown columns in place if you like: they are copied into the results workbook.",
            "5. Check the file first: batchorders submit FILE --what-if  (nothing is ordered).",
            "6. Then order: batchorders submit FILE. A rerun of the same command resumes where it stopped; nothing is ordered twice.",
        ];
        foreach (var step in steps)
        {
            sheet.Cell(row++, 1).Value = step;
        }

        row++;
        string[] headings = ["Column", "Required", "What it is", "Example"];
        for (var i = 0; i < headings.Length; i++)
        {
            sheet.Cell(row, i + 1).Value = headings[i];
            sheet.Cell(row, i + 1).Style.Font.Bold = true;
        }

        foreach (var info in InputColumns.All)
        {
            row++;
            sheet.Cell(row, 1).Value = info.Name;
            sheet.Cell(row, 2).Value = info.Required ? "yes" : "no";
            sheet.Cell(row, 3).Value = info.Description;
            sheet.Cell(row, 4).SetValue(info.Example);
        }

        row += 2;
        sheet.Cell(row, 1).Value = "Billing cycles";
        sheet.Cell(row, 1).Style.Font.Bold = true;
        sheet.Cell(row, 2).Value = string.Join(", ", BillingCycles.DisplayNames);

        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 10;
        sheet.Column(3).Width = 90;
        sheet.Column(4).Width = 40;
    }

    private static int Column(InputColumn column) => (int)column + 1;
}
