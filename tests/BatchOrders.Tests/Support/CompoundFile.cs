using System.Buffers.Binary;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>
/// Writes OLE compound files ([MS-CFB], version 3, 512-byte sectors) holding named streams in plain sectors: the
/// container of .xls workbooks and of encrypted Office files. Streams under 4,096 bytes belong in the mini stream,
/// which this writer does not make, so callers pad them (after their content ends, where readers do not look).
/// </summary>
public static class CompoundFile
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;

    public static byte[] Write(params (string Name, byte[] Data)[] streams)
    {
        if (streams.Length is 0 or > 3 || streams.Any(s => s.Data.Length < 4096))
        {
            throw new ArgumentException("One to three streams of at least 4,096 bytes each.", nameof(streams));
        }

        var sectors = streams.Select(s => (s.Data.Length + SectorSize - 1) / SectorSize).ToArray();
        var fatSectors = 1;
        while (fatSectors * (SectorSize / 4) < fatSectors + sectors.Sum() + 1)
        {
            fatSectors++;
        }

        var directorySector = fatSectors + sectors.Sum();
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

        var directory = file.AsSpan(SectorSize * (1 + directorySector), SectorSize);
        DirectoryEntry(directory[..128], "Root Entry", type: 5, right: FreeSector, child: 1, start: EndOfChain, size: 0);
        var next = fatSectors;
        for (var s = 0; s < streams.Length; s++)
        {
            for (var i = 0; i < sectors[s]; i++)
            {
                fat[next + i] = i == sectors[s] - 1 ? EndOfChain : (uint)(next + i + 1);
            }

            streams[s].Data.CopyTo(file, SectorSize * (1 + next));
            var right = s + 1 < streams.Length ? (uint)(s + 2) : FreeSector;
            DirectoryEntry(directory[(128 * (s + 1))..(128 * (s + 2))], streams[s].Name, type: 2, right, child: FreeSector, start: (uint)next, size: streams[s].Data.Length);
            next += sectors[s];
        }

        fat[directorySector] = EndOfChain;
        for (var i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SectorSize + (4 * i)), fat[i]);
        }

        return file;
    }

    private static void DirectoryEntry(Span<byte> entry, string name, byte type, uint right, uint child, uint start, int size)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name);
        nameBytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(nameBytes.Length + 2));
        entry[66] = type;
        entry[67] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], FreeSector);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
        BinaryPrimitives.WriteInt32LittleEndian(entry[120..], size);
    }
}
