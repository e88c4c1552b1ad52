using System.Buffers.Binary;

namespace BatchOrders.Reading;

/// <summary>What the binary parts of an .xlsb say about the workbook: sheets, date system, shared strings, number formats.</summary>
internal static class XlsbWorkbook
{
    private const int BrtSstItem = 19;
    private const int BrtFmt = 44;
    private const int BrtXf = 47;
    private const int BrtWbProp = 153;
    private const int BrtBundleSh = 156;
    private const int BrtBeginCellXfs = 617;
    private const int BrtEndCellXfs = 618;

    /// <summary>The sheets in tab order and whether dates count from 1904 (workbook.bin).</summary>
    public static WorkbookContents Read(WorkbookPackage package)
    {
        var targets = package.RelationshipsById();
        var sheets = new List<WorkbookSheet>();
        var date1904 = false;
        using var records = new Biff12Reader(package.OpenPart(package.WorkbookPart));
        while (records.Read())
        {
            var data = records.Data;
            if (records.Type == BrtWbProp && data.Length >= 4)
            {
                date1904 = (data[0] & 1) != 0;
            }
            else if (records.Type == BrtBundleSh && data.Length >= 12)
            {
                var offset = 8;
                var id = Biff12Reader.WideString(data, ref offset);
                var name = Biff12Reader.WideString(data, ref offset);
                var part = targets.TryGetValue(id, out var target) && target.Is("worksheet") && package.Contains(target.Target) ? target.Target : null;
                sheets.Add(new WorkbookSheet(name, part));
            }
        }

        return new WorkbookContents(sheets, date1904);
    }

    /// <summary>The shared strings (sharedStrings.bin): each item's plain text, formatting runs left out.</summary>
    public static SharedStringTable ReadSharedStrings(Stream part)
    {
        var strings = new SharedStringTable();
        using var records = new Biff12Reader(part);
        while (records.Read())
        {
            if (records.Type == BrtSstItem && records.Data.Length >= 5)
            {
                var offset = 1;
                strings.Add(Biff12Reader.WideString(records.Data, ref offset));
            }
        }

        return strings;
    }

    /// <summary>The number format of each cell style (styles.bin): custom codes (BrtFmt) and the cell XFs' format ids.</summary>
    public static CellFormats ReadFormats(Stream part)
    {
        var codes = new Dictionary<int, string>();
        var styles = new List<int>();
        var inCellXfs = false;
        using var records = new Biff12Reader(part);
        while (records.Read())
        {
            var data = records.Data;
            switch (records.Type)
            {
                case BrtFmt when data.Length >= 6:
                    var offset = 2;
                    codes[BinaryPrimitives.ReadUInt16LittleEndian(data)] = Biff12Reader.WideString(data, ref offset);
                    break;
                case BrtBeginCellXfs:
                    inCellXfs = true;
                    break;
                case BrtEndCellXfs:
                    inCellXfs = false;
                    break;
                case BrtXf when inCellXfs && data.Length >= 4:
                    styles.Add(BinaryPrimitives.ReadUInt16LittleEndian(data[2..]));
                    break;
            }
        }

        return CellFormats.Create(codes, styles);
    }
}
