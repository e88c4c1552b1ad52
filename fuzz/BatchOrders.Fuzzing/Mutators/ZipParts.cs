using System.Buffers.Binary;
using System.IO.Compression;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>The entries of a zip package, to change a part and zip it again (valid, so a change reaches the reader past the zip's checks).</summary>
internal sealed class ZipParts
{
    private ZipParts(List<(string Name, byte[] Bytes)> entries) => Entries = entries;

    public List<(string Name, byte[] Bytes)> Entries { get; }

    /// <summary>The package's entries, or null when the bytes are no zip this can read.</summary>
    public static ZipParts? Read(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entries = new List<(string, byte[])>();
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > 64 * 1024 * 1024)
                {
                    return null;
                }

                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries.Add((entry.FullName, copy.ToArray()));
            }

            return new ZipParts(entries);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    public byte[] Write(Random random)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in Entries)
            {
                var level = random.Next(4) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The index of a part whose name matches, or of any part when none does; -1 for an empty package.</summary>
    public int Find(Random random, params string[] fragments)
    {
        var matching = Enumerable.Range(0, Entries.Count)
            .Where(i => fragments.Any(f => Entries[i].Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return matching.Count > 0 ? matching[random.Next(matching.Count)] : Entries.Count > 0 ? random.Next(Entries.Count) : -1;
    }

    /// <summary>
    /// Patches the central directory of a written zip: for the <paramref name="nth"/> entry, the field at
    /// <paramref name="offset"/> (of <paramref name="size"/> bytes) set to <paramref name="value"/>.
    /// </summary>
    public static byte[] PatchDirectory(byte[] zip, int nth, int offset, int size, long value)
    {
        var copy = (byte[])zip.Clone();
        var seen = 0;
        for (var at = 0; at + 46 <= copy.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at)) != 0x02014B50)
            {
                continue;
            }

            if (seen++ == nth)
            {
                if (size == 2)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(at + offset), (ushort)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + offset), (uint)value);
                }

                break;
            }
        }

        return copy;
    }
}
