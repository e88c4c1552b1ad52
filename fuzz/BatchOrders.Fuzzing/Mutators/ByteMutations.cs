using System.Buffers.Binary;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>Byte-level changes, blind to the format: flips, interesting bytes and integers, inserts, deletions, truncation, splices.</summary>
internal static class ByteMutations
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x0A, 0x0D, 0x22, 0x2C, 0x3B, 0x09, 0x3C, 0x3E, 0x26, 0x5F, 0xC3, 0xE2, 0xEF, 0xF0];

    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("bits", (bytes, random) => Edit(bytes, copy =>
        {
            for (var n = random.Next(1, 9); n > 0; n--)
            {
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            }
        })),
        new("bytes", (bytes, random) => Edit(bytes, copy =>
        {
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                copy[random.Next(copy.Length)] = InterestingBytes[random.Next(InterestingBytes.Length)];
            }
        })),
        new("int32", (bytes, random) => bytes.Length < 4 ? null : Edit(bytes, copy =>
            BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(random.Next(copy.Length - 3)), InterestingValues.Integer(random)))),
        new("int16", (bytes, random) => bytes.Length < 2 ? null : Edit(bytes, copy =>
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(random.Next(copy.Length - 1)), (ushort)InterestingValues.Integer(random)))),
        new("insert", (bytes, random) =>
        {
            var insert = new byte[random.Next(1, 65)];
            if (random.Next(2) == 0)
            {
                random.NextBytes(insert);
            }
            else
            {
                insert.AsSpan().Fill(InterestingBytes[random.Next(InterestingBytes.Length)]);
            }

            var at = random.Next(bytes.Length + 1);
            return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at)];
        }),
        new("delete", (bytes, random) =>
        {
            if (bytes.Length < 2)
            {
                return null;
            }

            var at = random.Next(bytes.Length);
            var length = Math.Min(bytes.Length - at, random.Next(1, Math.Max(2, bytes.Length / 8)));
            return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + length)];
        }),
        new("duplicate", (bytes, random) =>
        {
            if (bytes.Length < 2)
            {
                return null;
            }

            var at = random.Next(bytes.Length);
            var length = Math.Min(bytes.Length - at, random.Next(1, 4_096));
            return [.. bytes.AsSpan(0, at + length), .. bytes.AsSpan(at, length), .. bytes.AsSpan(at + length)];
        }),
        new("truncate", (bytes, random) => bytes.Length < 2 ? null : bytes[..random.Next(bytes.Length)]),
        new("zero-range", (bytes, random) => bytes.Length < 2 ? null : Edit(bytes, copy =>
        {
            var at = random.Next(copy.Length);
            copy.AsSpan(at, Math.Min(copy.Length - at, random.Next(1, 512))).Clear();
        })),
    ];

    private static byte[]? Edit(byte[] bytes, Action<byte[]> edit)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var copy = (byte[])bytes.Clone();
        edit(copy);
        return copy;
    }
}
