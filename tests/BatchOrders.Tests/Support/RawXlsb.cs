using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>
/// Builds .xlsb (Excel binary workbook) files record by record ([MS-XLSB]): shared strings, numbers as reals or RK
/// numbers, formulas with their saved values, errors, number formats, the 1904 date system, and rows split over
/// several row records, so a test controls exactly what Excel would have saved.
/// </summary>
public sealed class RawXlsb
{
    private readonly List<(string Name, RawRow[] Rows)> _sheets = [];
    private readonly List<string> _sharedStrings = [];
    private readonly List<string> _formats = [];

    /// <summary>Dates count from 1904 (Excel for Mac's old default).</summary>
    public bool Date1904 { get; init; }

    /// <summary>Every cell in a row record of its own (as some writers save), the row number repeated.</summary>
    public bool SplitRows { get; init; }

    public RawXlsb Sheet(string name, params RawRow[] rows)
    {
        _sheets.Add((name, rows));
        return this;
    }

    public byte[] ToBytes()
    {
        var sheets = _sheets.Select(s => Worksheet(s.Rows)).ToList();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/></Types>"));
            Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>"));
            var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (var i = 0; i < sheets.Count; i++)
            {
                rels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.bin\"/>");
                Add(zip, $"xl/worksheets/sheet{i + 1}.bin", sheets[i]);
            }

            rels.Append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.bin\"/>");
            rels.Append("<Relationship Id=\"rIdY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.bin\"/>");
            Add(zip, "xl/_rels/workbook.bin.rels", Encoding.UTF8.GetBytes(rels.Append("</Relationships>").ToString()));
            Add(zip, "xl/workbook.bin", Workbook());
            Add(zip, "xl/sharedStrings.bin", SharedStrings());
            Add(zip, "xl/styles.bin", Styles());
        }

        return buffer.ToArray();
    }

    private byte[] Workbook()
    {
        var records = new RecordWriter();
        records.Write(131, []);
        var properties = new BinaryBuffer().Le32(Date1904 ? 1 : 0).Le32(0).WideString(string.Empty);
        records.Write(153, properties.ToArray());
        records.Write(143, []);
        for (var i = 0; i < _sheets.Count; i++)
        {
            records.Write(156, new BinaryBuffer().Le32(0).Le32(i + 1).WideString($"rId{i + 1}").WideString(_sheets[i].Name).ToArray());
        }

        records.Write(144, []);
        records.Write(132, []);
        return records.ToArray();
    }

    private byte[] Worksheet(RawRow[] rows)
    {
        var records = new RecordWriter();
        records.Write(129, []);
        records.Write(145, []);
        foreach (var row in rows)
        {
            var started = false;
            for (var column = 0; column < row.Cells.Length; column++)
            {
                if (row.Cells[column] is not { } cell)
                {
                    continue;
                }

                if (!started || SplitRows)
                {
                    records.Write(0, new BinaryBuffer().Le32(row.Number - 1).Le32(0).Le16(300).Bytes(0, 0, 0).Le32(0).ToArray());
                    started = true;
                }

                WriteCell(records, column, cell);
            }
        }

        records.Write(146, []);
        records.Write(130, []);
        return records.ToArray();
    }

    private void WriteCell(RecordWriter records, int column, RawCell cell)
    {
        var style = cell.Format is null ? 0 : StyleOf(cell.Format);
        var data = new BinaryBuffer().Le32(column).Le32(style);
        switch (cell.Value)
        {
            case string text when cell.Formula:
                records.Write(8, data.WideString(text).Le16(0).Le32(0).ToArray());
                break;
            case string text:
                _sharedStrings.Add(text);
                records.Write(7, data.Le32(_sharedStrings.Count - 1).ToArray());
                break;
            case double number when cell.Formula:
                records.Write(9, data.Real(number).Le16(0).Le32(0).ToArray());
                break;
            case double number when number == Math.Floor(number) && Math.Abs(number) < (1 << 29):
                // Whole numbers as Excel saves them: an RK number (the integer shifted, flag 2).
                records.Write(2, data.Le32(((int)number << 2) | 2).ToArray());
                break;
            case double number:
                records.Write(5, data.Real(number).ToArray());
                break;
            case bool flag:
                records.Write(cell.Formula ? 10 : 4, data.Bytes(flag ? (byte)1 : (byte)0).ToArray());
                break;
            case RawError error:
                records.Write(cell.Formula ? 11 : 3, data.Bytes(error.Code).ToArray());
                break;
        }
    }

    private int StyleOf(string format)
    {
        var index = _formats.IndexOf(format);
        if (index < 0)
        {
            _formats.Add(format);
            index = _formats.Count - 1;
        }

        return index + 1;
    }

    private byte[] SharedStrings()
    {
        var records = new RecordWriter();
        records.Write(159, new BinaryBuffer().Le32(_sharedStrings.Count).Le32(_sharedStrings.Count).ToArray());
        foreach (var text in _sharedStrings)
        {
            records.Write(19, new BinaryBuffer().Bytes(0).WideString(text).ToArray());
        }

        records.Write(160, []);
        return records.ToArray();
    }

    private byte[] Styles()
    {
        var records = new RecordWriter();
        records.Write(278, []);
        records.Write(615, new BinaryBuffer().Le32(_formats.Count).ToArray());
        for (var i = 0; i < _formats.Count; i++)
        {
            records.Write(44, new BinaryBuffer().Le16(164 + i).WideString(_formats[i]).ToArray());
        }

        records.Write(616, []);
        records.Write(617, new BinaryBuffer().Le32(_formats.Count + 1).ToArray());
        for (var i = 0; i <= _formats.Count; i++)
        {
            records.Write(47, new BinaryBuffer().Le16(0).Le16(i == 0 ? 0 : 163 + i).Le32(0).Le32(0).Le32(0).ToArray());
        }

        records.Write(618, []);
        records.Write(279, []);
        return records.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(content);
    }

    /// <summary>BIFF12 records: type and size in 7-bit groups, then the data.</summary>
    private sealed class RecordWriter
    {
        private readonly List<byte> _bytes = [];

        public void Write(int type, byte[] data)
        {
            if (type < 0x80)
            {
                _bytes.Add((byte)type);
            }
            else
            {
                _bytes.Add((byte)((type & 0x7F) | 0x80));
                _bytes.Add((byte)(type >> 7));
            }

            var size = data.Length;
            do
            {
                var group = (byte)(size & 0x7F);
                size >>= 7;
                _bytes.Add(size > 0 ? (byte)(group | 0x80) : group);
            }
            while (size > 0);

            _bytes.AddRange(data);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
