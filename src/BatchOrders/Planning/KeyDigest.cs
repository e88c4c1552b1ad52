using System.Buffers.Binary;

namespace BatchOrders.Planning;

/// <summary>
/// A key as computed: the first 128 bits of its SHA-256, kept as two numbers until someone reads the key's text
/// (32 lower-case hex digits), so a plan of hundreds of thousands of orders holds no key strings it does not need.
/// </summary>
internal readonly record struct KeyDigest(ulong High, ulong Low)
{
    /// <summary>The length of the key's text.</summary>
    public const int TextLength = Sha256Batch.DigestBytes * 2;

    /// <summary>The digest whose first 16 bytes are <paramref name="digest"/>.</summary>
    public static KeyDigest Read(ReadOnlySpan<byte> digest) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));

    /// <summary>The key's text as ASCII (UTF-8) bytes, written into <paramref name="destination"/>.</summary>
    public void WriteText(Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[Sha256Batch.DigestBytes];
        WriteBytes(bytes);
        Convert.TryToHexStringLower(bytes, destination, out _);
    }

    /// <summary>The key's text: 32 lower-case hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Sha256Batch.DigestBytes];
        WriteBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private void WriteBytes(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
    }
}
