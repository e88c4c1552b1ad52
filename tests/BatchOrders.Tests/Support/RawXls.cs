using System.Buffers.Binary;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>
/// Builds Excel 97-2003 workbooks (.xls: BIFF8 records in an OLE compound file, [MS-XLS] and [MS-CFB]) from rows of
/// cells: a shared string table, numbers as NUMBER or RK records, formulas with their saved values (a STRING record
/// after a text result), booleans, errors, number formats and the 1904 date system, as Excel saves them.
/// </summary>
public sealed class RawXls
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;

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

    public byte[] ToBytes() => CompoundFile(WorkbookStream());

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

    /// <summary>A version 3 compound file holding one stream, "Workbook": FAT sectors, the stream's sectors, one directory sector.</summary>
    private static byte[] CompoundFile(byte[] workbook)
    {
        var streamSectors = (workbook.Length + SectorSize - 1) / SectorSize;
        var fatSectors = 1;
        while (fatSectors * (SectorSize / 4) < fatSectors + streamSectors + 1)
        {
            fatSectors++;
        }

        var directorySector = fatSectors + streamSectors;
        var file = new byte[SectorSize * (1 + directorySector + 1)];
        var header = file.AsSpan(0, SectorSize);
        ((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteInt32LittleEndian(header[44..], fatSectors);
        BinaryPrimitives.WriteInt32LittleEndian(header[48..], directorySector);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (4 * i))..], i < fatSectors ? (uint)i : FreeSector);
        }

        var fat = new uint[fatSectors * (SectorSize / 4)];
        Array.Fill(fat, FreeSector);
        for (var i = 0; i < fatSectors; i++)
        {
            fat[i] = FatSector;
        }

        for (var i = 0; i < streamSectors; i++)
        {
            fat[fatSectors + i] = i == streamSectors - 1 ? EndOfChain : (uint)(fatSectors + i + 1);
        }

        fat[directorySector] = EndOfChain;
        for (var i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SectorSize + (4 * i)), fat[i]);
        }

        workbook.CopyTo(file, SectorSize * (1 + fatSectors));
        var directory = file.AsSpan(SectorSize * (1 + directorySector), SectorSize);
        DirectoryEntry(directory[..128], "Root Entry", type: 5, child: 1, start: EndOfChain, size: 0);
        DirectoryEntry(directory[128..256], "Workbook", type: 2, child: FreeSector, start: (uint)fatSectors, size: workbook.Length);
        DirectoryEntry(directory[256..384], string.Empty, type: 0, child: FreeSector, start: 0, size: 0);
        DirectoryEntry(directory[384..], string.Empty, type: 0, child: FreeSector, start: 0, size: 0);
        return file;
    }

    private static void DirectoryEntry(Span<byte> entry, string name, byte type, uint child, uint start, int size)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name);
        nameBytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(name.Length == 0 ? 0 : nameBytes.Length + 2));
        entry[66] = type;
        entry[67] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], FreeSector);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], FreeSector);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
        BinaryPrimitives.WriteInt32LittleEndian(entry[120..], size);
    }
}
