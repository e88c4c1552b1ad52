using System.Buffers.Binary;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>
/// Changes to the records of an .xlsb's binary parts, written back as records and zipped validly: row and column
/// numbers, style and string indexes, string lengths and numbers (serial dates past 9999) at their edges; records
/// repeated, removed, retyped; sizes that lie.
/// </summary>
internal static class XlsbMutations
{
    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("record-int", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = Pick(records, r, record => record.Data.Length >= 4);
            if (at < 0)
            {
                return false;
            }

            // Cell records start with their column, then their style; a row header with its index; strings with a count.
            var offset = r.Next(3) switch { 0 => 0, 1 => Math.Min(8, records[at].Data.Length - 4), _ => r.Next(records[at].Data.Length - 3) };
            BinaryPrimitives.WriteInt32LittleEndian(records[at].Data.AsSpan(offset), InterestingValues.Integer(r));
            return true;
        })),
        new("record-double", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = Pick(records, r, record => record.Type is 5 or 9 && record.Data.Length >= 16);
            if (at < 0)
            {
                return false;
            }

            BinaryPrimitives.WriteDoubleLittleEndian(records[at].Data.AsSpan(8), InterestingValues.Double(r));
            return true;
        })),
        new("record-bytes", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = Pick(records, r, record => record.Data.Length > 0);
            if (at < 0)
            {
                return false;
            }

            records[at] = records[at] with { Data = PackageMutations.Mutate(records[at].Data, r) };
            return true;
        })),
        new("record-type", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = r.Next(records.Count);
            records[at] = records[at] with { Type = r.Next(3) == 0 ? r.Next(0x4000) : r.Next(0, 64) };
            return true;
        })),
        new("record-repeat", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = r.Next(records.Count);
            for (var n = r.Next(1, 200); n > 0; n--)
            {
                records.Insert(at, records[at]);
            }

            return true;
        })),
        new("record-delete", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            records.RemoveAt(r.Next(records.Count));
            return true;
        })),
        new("record-size", (bytes, random) => Records(bytes, random, (records, r) =>
        {
            var at = r.Next(records.Count);
            records[at] = records[at] with { SizeLie = r.Next(4) switch { 0 => 0x0FFF_FFFF, 1 => 16 * 1024 * 1024 + 1, 2 => records[at].Data.Length + r.Next(1, 100), _ => r.Next(records[at].Data.Length + 1) } };
            return true;
        })),
    ];

    private static int Pick(List<Record> records, Random random, Func<Record, bool> fits)
    {
        var candidates = Enumerable.Range(0, records.Count).Where(i => fits(records[i])).ToList();
        return candidates.Count == 0 ? -1 : candidates[random.Next(candidates.Count)];
    }

    private static byte[]? Records(byte[] bytes, Random random, Func<List<Record>, Random, bool> change)
    {
        if (ZipParts.Read(bytes) is not { Entries.Count: > 0 } parts)
        {
            return null;
        }

        var at = random.Next(4) switch
        {
            < 2 => parts.Find(random, "worksheets/"),
            2 => parts.Find(random, "sharedStrings"),
            _ => parts.Find(random, "styles.bin", "workbook.bin"),
        };
        var (name, content) = parts.Entries[at];
        if (!name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || Parse(content) is not { Count: > 0 } records || !change(records, random))
        {
            return null;
        }

        parts.Entries[at] = (name, Write(records));
        return parts.Write(random);
    }

    private static List<Record>? Parse(byte[] bytes)
    {
        var records = new List<Record>();
        var at = 0;
        while (at < bytes.Length)
        {
            if (!TryVarInt(bytes, ref at, 2, out var type) || !TryVarInt(bytes, ref at, 4, out var size) || size > bytes.Length - at)
            {
                return records.Count > 0 ? records : null;
            }

            records.Add(new Record(type, bytes[at..(at + size)]));
            at += size;
        }

        return records;
    }

    private static bool TryVarInt(byte[] bytes, ref int at, int maxBytes, out int value)
    {
        value = 0;
        for (var i = 0; i < maxBytes; i++)
        {
            if (at >= bytes.Length)
            {
                return false;
            }

            var b = bytes[at++];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return true;
    }

    private static byte[] Write(List<Record> records)
    {
        using var buffer = new MemoryStream();
        foreach (var record in records)
        {
            WriteVarInt(buffer, record.Type, 2);
            WriteVarInt(buffer, record.Size, 4);
            buffer.Write(record.Data);
        }

        return buffer.ToArray();
    }

    private static void WriteVarInt(Stream stream, int value, int maxBytes)
    {
        for (var i = 0; i < maxBytes; i++)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0 && i < maxBytes - 1)
            {
                stream.WriteByte((byte)(b | 0x80));
            }
            else
            {
                stream.WriteByte(b);
                return;
            }
        }
    }

    /// <summary>A record: its type, its bytes, and a size its header gives instead of theirs (a lie a mutation tells).</summary>
    private sealed record Record(int Type, byte[] Data, int? SizeLie = null)
    {
        public int Size => SizeLie ?? Data.Length;
    }
}
