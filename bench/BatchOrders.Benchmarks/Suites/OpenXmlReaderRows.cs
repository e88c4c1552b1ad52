using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// The alternative to XlsxRowSource's own XML loop that the reading suite measures it against: the Open XML SDK's
/// package layer (System.IO.Packaging) and its OpenXmlReader, used as the SDK documents for large sheets (read row
/// elements, load each row, take its cells' values, shared strings resolved by index). Not kept: rows are counted.
/// </summary>
internal static class OpenXmlReaderRows
{
    public static long Enumerate(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook!.Sheets!.Elements<Sheet>().First();
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var sharedStrings = SharedStrings(workbook.SharedStringTablePart);

        long rows = 0;
        long characters = 0;
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            foreach (var cell in row.Elements<Cell>())
            {
                var value = cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
                if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var index))
                {
                    value = sharedStrings[index];
                }

                characters += value.Length;
            }

            rows++;
        }

        GC.KeepAlive(characters);
        return rows - 1;
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings;
    }
}
