using System.Buffers.Binary;
using System.Text;

namespace BatchOrders.Reading;

/// <summary>
/// Reads the records of one part of an .xlsb workbook (BIFF12, [MS-XLSB] 2.1.4): a type and a size, each written in
/// 7-bit groups, then the record's bytes. A record is valid until the next one is read.
/// </summary>
internal sealed class Biff12Reader : IDisposable
{
    private const int MaxRecordBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[256];

    public Biff12Reader(Stream stream) => _stream = new BufferedStream(stream, 64 * 1024);

    /// <summary>The current record's type.</summary>
    public int Type { get; private set; }

    /// <summary>The current record's bytes.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Length);

    private int Length { get; set; }

    /// <summary>Moves to the next record; false at the end of the part.</summary>
    public bool Read()
    {
        var first = _stream.ReadByte();
        if (first < 0)
        {
            return false;
        }

        var type = first & 0x7F;
        if ((first & 0x80) != 0)
        {
            type |= (ReadByte() & 0x7F) << 7;
        }

        var size = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            var b = ReadByte();
            size |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        // No record of a sheet of values is anywhere near this: a larger size is a damaged part, not data.
        if (size > MaxRecordBytes)
        {
            throw new InvalidDataException("An .xlsb record claims more bytes than any record holds.");
        }

        if (size > _buffer.Length)
        {
            _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        }

        _stream.ReadExactly(_buffer, 0, size);
        Type = type;
        Length = size;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>An XLWideString at <paramref name="offset"/>: a 32-bit character count, then UTF-16; the offset moves past it.</summary>
    public static string WideString(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset + 4 > data.Length)
        {
            throw new InvalidDataException("An .xlsb string runs past the end of its record.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        if (count <= 0)
        {
            return string.Empty;
        }

        if (count > (data.Length - offset) / 2)
        {
            throw new InvalidDataException("An .xlsb string runs past the end of its record.");
        }

        var text = Encoding.Unicode.GetString(data.Slice(offset, count * 2));
        offset += count * 2;
        return text;
    }

    private int ReadByte()
    {
        var b = _stream.ReadByte();
        return b >= 0 ? b : throw new EndOfStreamException("An .xlsb record ends before its header does.");
    }
}
