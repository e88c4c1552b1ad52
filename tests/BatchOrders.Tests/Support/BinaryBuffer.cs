using System.Buffers.Binary;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>Little-endian bytes for the binary workbook builders: integers, doubles and Excel's string layouts.</summary>
public sealed class BinaryBuffer
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public BinaryBuffer Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public BinaryBuffer Le16(int value)
    {
        Span<byte> span = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
        return Bytes(span.ToArray());
    }

    public BinaryBuffer Le32(int value)
    {
        Span<byte> span = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        return Bytes(span.ToArray());
    }

    public BinaryBuffer Real(double value)
    {
        Span<byte> span = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        return Bytes(span.ToArray());
    }

    /// <summary>An .xlsb XLWideString: a 32-bit character count, then UTF-16.</summary>
    public BinaryBuffer WideString(string text) => Le32(text.Length).Bytes(Encoding.Unicode.GetBytes(text));

    /// <summary>An .xls XLUnicodeString: a 16-bit character count, a flags byte (1: UTF-16), then UTF-16.</summary>
    public BinaryBuffer UnicodeString(string text) => Le16(text.Length).Bytes(1).Bytes(Encoding.Unicode.GetBytes(text));

    /// <summary>An .xls ShortXLUnicodeString: an 8-bit character count, a flags byte (1: UTF-16), then UTF-16.</summary>
    public BinaryBuffer ShortUnicodeString(string text) => Bytes((byte)text.Length, 1).Bytes(Encoding.Unicode.GetBytes(text));

    public byte[] ToArray() => [.. _bytes];
}
