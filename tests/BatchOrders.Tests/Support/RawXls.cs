namespace BatchOrders.Tests.Support;

/// <summary>
/// Builds Excel 97-2003 workbooks (.xls: BIFF8 records in an OLE compound file, [MS-XLS] and [MS-CFB]) from rows of
/// cells: a shared string table, numbers as NUMBER or RK records, formulas with their saved values (a STRING record
/// after a text result), booleans, errors, number formats and the 1904 date system, as Excel saves them.
/// </summary>
public sealed class RawXls
{
    private readonly List<(string Name, RawRow[] Rows)> _sheets = [];
    private readonly List<string> _sharedStrings = [];
    private readonly List<string> _formats = [];

    /// <summary>Dates count from 1904.</summary>
    public bool Date1904 { get; init; }

    public RawXls Sheet(string name, params RawRow[] rows)
    {
        _sheets.Add((name, rows));
        return this;
    }

    public byte[] ToBytes() => CompoundFile.Write(("Workbook", WorkbookStream()));

    private byte[] WorkbookStream()
    {
        var sheets = _sheets.Select(s => SheetRecords(s.Rows)).ToList();
        var globals = new List<byte[]>
        {
            Record(0x0809, new BinaryBuffer().Le16(0x0600).Le16(0x0005).Le16(0x0DBB).Le16(0x07CC).Le32(0).Le32(6).ToArray()),
            Record(0x0042, new BinaryBuffer().Le16(1200).ToArray()),
            Record(0x0022, new BinaryBuffer().Le16(Date1904 ? 1 : 0).ToArray()),
        };
        for (var i = 0; i < _formats.Count; i++)
        {
            globals.Add(Record(0x041E, new BinaryBuffer().Le16(164 + i).UnicodeString(_formats[i]).ToArray()));
        }

        for (var i = 0; i <= _formats.Count; i++)
        {
            // A cell XF: font 0, its number format, no parent style.
            globals.Add(Record(0x00E0, new BinaryBuffer().Le16(0).Le16(i == 0 ? 0 : 163 + i).Le16(0x0001).Bytes(new byte[14]).ToArray()));
        }

        var sst = new BinaryBuffer().Le32(_sharedStrings.Count).Le32(_sharedStrings.Count);
        foreach (var text in _sharedStrings)
        {
            sst.UnicodeString(text);
        }

        globals.Add(Record(0x00FC, sst.ToArray()));
        var boundSheetsAt = globals.Count;
        var eof = Record(0x000A, []);

        // The BOUNDSHEET records give each sheet's stream position, which depends on their own length.
        var boundSheetLengths = _sheets.Sum(s => Record(0x0085, new BinaryBuffer().Le32(0).Bytes(0, 0).ShortUnicodeString(s.Name).ToArray()).Length);
        var position = globals.Sum(r => r.Length) + boundSheetLengths + eof.Length;
        for (var i = 0; i < _sheets.Count; i++)
        {
            globals.Insert(boundSheetsAt + i, Record(0x0085, new BinaryBuffer().Le32(position).Bytes(0, 0).ShortUnicodeString(_sheets[i].Name).ToArray()));
            position += sheets[i].Length;
        }

        globals.Add(eof);
        var stream = globals.SelectMany(r => r).Concat(sheets.SelectMany(s => s)).ToList();

        // Streams under 4,096 bytes live in the mini stream; padding after the last EOF keeps this one in plain sectors.
        while (stream.Count < 4096)
        {
            stream.Add(0);
        }

        return [.. stream];
    }

    private byte[] SheetRecords(RawRow[] rows)
    {
        var records = new List<byte[]>
        {
            Record(0x0809, new BinaryBuffer().Le16(0x0600).Le16(0x0010).Le16(0x0DBB).Le16(0x07CC).Le32(0).Le32(6).ToArray()),
            Record(0x0200, new BinaryBuffer().Le32(0).Le32(rows.Length == 0 ? 0 : rows.Max(r => r.Number)).Le16(0).Le16(rows.Length == 0 ? 0 : rows.Max(r => r.Cells.Length)).Le16(0).ToArray()),
        };
        foreach (var row in rows)
        {
            for (var column = 0; column < row.Cells.Length; column++)
            {
                if (row.Cells[column] is { } cell)
                {
                    records.AddRange(CellRecords(row.Number - 1, column, cell));
                }
            }
        }

        records.Add(Record(0x000A, []));
        return [.. records.SelectMany(r => r)];
    }

    private IEnumerable<byte[]> CellRecords(int row, int column, RawCell cell)
    {
        var style = 0;
        if (cell.Format is { } format)
        {
            if (!_formats.Contains(format))
            {
                _formats.Add(format);
            }

            style = _formats.IndexOf(format) + 1;
        }

        var data = new BinaryBuffer().Le16(row).Le16(column).Le16(style);
        switch (cell.Value)
        {
            case string text when cell.Formula:
                yield return Record(0x0006, data.Bytes(0, 0, 0, 0, 0, 0, 0xFF, 0xFF).Le16(0).Le32(0).Le16(3).Bytes(0x1E, 0, 0).ToArray());
                yield return Record(0x0207, new BinaryBuffer().UnicodeString(text).ToArray());
                break;
            case string text:
                _sharedStrings.Add(text);
                yield return Record(0x00FD, data.Le32(_sharedStrings.Count - 1).ToArray());
                break;
            case double number when cell.Formula:
                yield return Record(0x0006, data.Real(number).Le16(0).Le32(0).Le16(3).Bytes(0x1E, 0, 0).ToArray());
                break;
            case double number when number == Math.Floor(number) && Math.Abs(number) < (1 << 29):
                yield return Record(0x027E, data.Le32(((int)number << 2) | 2).ToArray());
                break;
            case double number:
                yield return Record(0x0203, data.Real(number).ToArray());
                break;
            case bool flag:
                yield return Record(0x0205, data.Bytes(flag ? (byte)1 : (byte)0, 0).ToArray());
                break;
            case RawError error when cell.Formula:
                yield return Record(0x0006, data.Bytes(2, 0, error.Code, 0, 0, 0, 0xFF, 0xFF).Le16(0).Le32(0).Le16(3).Bytes(0x1E, 0, 0).ToArray());
                break;
            case RawError error:
                yield return Record(0x0205, data.Bytes(error.Code, 1).ToArray());
                break;
        }
    }

    private static byte[] Record(int id, byte[] data) => new BinaryBuffer().Le16(id).Le16(data.Length).Bytes(data).ToArray();
}
