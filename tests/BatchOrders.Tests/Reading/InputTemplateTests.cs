using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Reading;

public sealed class InputTemplateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_committed_csv_template_is_what_the_command_writes()
    {
        var output = _folder.File("template.csv");

        var (exitCode, _) = await CliRunner.RunAsync("template", "--format", "csv", "--output", output);

        Assert.Equal(0, exitCode);
        Assert.Equal(File.ReadAllBytes(RepositoryFiles.Get("templates", "orders-template.csv")), File.ReadAllBytes(output));
    }

    [Fact]
    public async Task The_committed_xlsx_template_is_what_the_command_writes()
    {
        var output = _folder.File("template.xlsx");

        var (exitCode, _) = await CliRunner.RunAsync("template", "--format", "xlsx", "--output", output);

        Assert.Equal(0, exitCode);
        Assert.Equal(Describe(RepositoryFiles.Get("templates", "orders-template.xlsx")), Describe(output));
    }

    [Fact]
    public void The_xlsx_template_has_columns_notes_dropdown_whole_number_validation_and_instructions()
    {
        using var stream = new MemoryStream();
        InputTemplate.WriteXlsx(stream);
        using var workbook = new XLWorkbook(stream);

        var sheet = workbook.Worksheet(1);
        Assert.Equal(InputTemplate.DataSheetName, sheet.Name);
        Assert.Equal(InputColumns.All.Select(c => c.Name), sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.All(sheet.Row(1).CellsUsed(), c => Assert.True(c.HasComment && c.Comment.Text.Length > 20, c.Address.ToString()));
        Assert.Equal(1, sheet.SheetView.SplitRow);

        var billing = Assert.Single(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.List);
        Assert.Equal("\"Monthly,Annual,None,OneTime,Triennial,Biennial\"", billing.Value);
        Assert.Equal("D2:D1048576", Assert.Single(billing.Ranges).RangeAddress.ToString());
        var quantity = Assert.Single(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.WholeNumber);
        Assert.Equal(XLOperator.EqualOrGreaterThan, quantity.Operator);
        Assert.Equal("1", quantity.MinValue);
        Assert.Equal("C2:C1048576", Assert.Single(quantity.Ranges).RangeAddress.ToString());

        var instructions = workbook.Worksheet(InputTemplate.InstructionsSheetName);
        Assert.Contains(instructions.CellsUsed(), c => c.GetString().Contains("--what-if", StringComparison.Ordinal));
        Assert.All(InputColumns.All, info => Assert.Contains(instructions.CellsUsed(), c => c.GetString() == info.Name));
    }

    [Fact]
    public void A_filled_in_template_reads_without_errors()
    {
        var path = _folder.File("filled.xlsx");
        using (var stream = File.Create(path))
        {
            InputTemplate.WriteXlsx(stream);
        }

        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet(InputTemplate.DataSheetName);
            sheet.Cell(2, 1).SetValue(Rows.Customer);
            sheet.Cell(2, 2).SetValue(Rows.E3);
            sheet.Cell(2, 3).Value = 12;
            sheet.Cell(2, 4).SetValue("Annual");
            sheet.Cell(2, 10).SetValue("0012345");
            workbook.Save();
        }

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal((12, BillingCycle.Annual, "0012345"), (row.Quantity, row.BillingCycle, row.PartnerIdOnRecord));
    }

    [Fact]
    public void An_empty_template_is_a_header_without_data()
    {
        var result = SpreadsheetReader.Read(RepositoryFiles.Get("templates", "orders-template.csv"));

        Assert.Contains("has a header row (row 1) but no data rows", result.Problem?.Message, StringComparison.Ordinal);
    }

    /// <summary>A workbook's content as text: sheets, cells, notes, validations, widths (zip timestamps aside).</summary>
    private static string Describe(string path)
    {
        using var workbook = new XLWorkbook(path);
        var lines = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            lines.Add($"sheet {sheet.Name} frozen {sheet.SheetView.SplitRow}");
            lines.AddRange(sheet.CellsUsed().Select(c =>
                $"{c.Address} '{c.GetString()}' bold={c.Style.Font.Bold} format={c.Style.NumberFormat.Format} note='{(c.HasComment ? c.Comment.Text : string.Empty)}'"));
            lines.AddRange(sheet.ColumnsUsed().Select(c => $"width {c.ColumnLetter()} {c.Width}"));
            lines.AddRange(sheet.DataValidations.Select(v =>
                $"validation {v.AllowedValues} {v.Operator} {v.Value} {v.MinValue} {v.MaxValue} {string.Join(" ", v.Ranges.Select(r => r.RangeAddress.ToString()))}"));
        }

        return string.Join("\n", lines);
    }
}
