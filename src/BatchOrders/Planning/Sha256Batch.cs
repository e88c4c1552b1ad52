using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace BatchOrders.Planning;

/// <summary>
/// SHA-256 (FIPS 180-4) of many short messages at once: eight messages side by side in the lanes of 256-bit
/// vectors, each compressed block costing about what one message's block costs alone. Planning a million rows
/// hashes about two million keys of a few blocks each; through the platform's SHA-256 each call costs several
/// times its hashing (on Linux, OpenSSL 3's EVP layer per message), so the keys are hashed here in batches. The
/// digests are SHA-256's, byte for byte (tests compare every length against <see cref="SHA256"/>); without
/// hardware vectors the platform's SHA-256 hashes each message.
/// </summary>
internal static class Sha256Batch
{
    /// <summary>How many digest bytes are kept: the keys are the first 128 bits.</summary>
    public const int DigestBytes = 16;

    private const int Lanes = 8;
    private const int BlockBytes = 64;

    private static ReadOnlySpan<uint> Initial =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>
    /// Writes the first <see cref="DigestBytes"/> bytes of the SHA-256 of each message into <paramref name="digests"/>:
    /// message <c>i</c> is <paramref name="data"/> from <c>ends[i - 1]</c> (0 for the first) to <c>ends[i]</c>.
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, Span<byte> digests, bool vectors = true)
    {
        if (digests.Length < ends.Length * DigestBytes)
        {
            throw new ArgumentException("There is no room for every digest.", nameof(digests));
        }

        if (!vectors || !Vector256.IsHardwareAccelerated || ends.Length < Lanes / 2)
        {
            HashEach(data, ends, digests);
            return;
        }

        // Messages of equal block counts are hashed together (a counting sort by block count), so few lanes idle
        // while a longer message finishes.
        var blocks = new int[ends.Length];
        var maxBlocks = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            blocks[i] = Blocks(ends[i] - (i == 0 ? 0 : ends[i - 1]));
            maxBlocks = Math.Max(maxBlocks, blocks[i]);
        }

        var next = new int[maxBlocks + 2];
        foreach (var count in blocks)
        {
            next[count + 1]++;
        }

        for (var count = 1; count < next.Length; count++)
        {
            next[count] += next[count - 1];
        }

        var order = new int[ends.Length];
        for (var i = 0; i < ends.Length; i++)
        {
            order[next[blocks[i]]++] = i;
        }

        Span<int> lanes = stackalloc int[Lanes];
        Span<byte> tails = stackalloc byte[Lanes * 2 * BlockBytes];
        for (var first = 0; first < order.Length; first += Lanes)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                // A last, partial batch repeats its first message in the spare lanes; their digests are not kept.
                lanes[lane] = order[first + lane < order.Length ? first + lane : first];
            }

            HashLanes(data, ends, lanes, tails, digests, Math.Min(Lanes, order.Length - first));
        }
    }

    private static int Blocks(int length) => (length + 8 + BlockBytes) / BlockBytes;

    private static void HashEach(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, Span<byte> digests)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[32];
        for (var i = 0; i < ends.Length; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            hash.AppendData(data[start..ends[i]]);
            hash.GetHashAndReset(digest);
            digest[..DigestBytes].CopyTo(digests.Slice(i * DigestBytes, DigestBytes));
        }
    }

    private static void HashLanes(ReadOnlySpan<byte> data, ReadOnlySpan<int> ends, ReadOnlySpan<int> lanes, Span<byte> tails, Span<byte> digests, int kept)
    {
        // Each lane's message: its whole 64-byte blocks straight from the data, then its padded tail (the rest of
        // the message, 0x80, zeros, the length in bits, big-endian) of one or two blocks, written whole into
        // <paramref name="tails"/> (the caller's, reused from batch to batch).
        Span<int> starts = stackalloc int[Lanes];
        Span<int> whole = stackalloc int[Lanes];
        Span<uint> blockCounts = stackalloc uint[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            var message = lanes[lane];
            var start = message == 0 ? 0 : ends[message - 1];
            var length = ends[message] - start;
            starts[lane] = start;
            whole[lane] = length / BlockBytes;
            blockCounts[lane] = (uint)Blocks(length);
            var tail = tails.Slice(lane * 2 * BlockBytes, 2 * BlockBytes);
            var rest = length - (whole[lane] * BlockBytes);
            data.Slice(start + (whole[lane] * BlockBytes), rest).CopyTo(tail);
            tail[rest] = 0x80;
            var lengthAt = (((int)blockCounts[lane] - whole[lane]) * BlockBytes) - 8;
            tail[(rest + 1)..lengthAt].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(tail[lengthAt..], (ulong)length * 8);
        }

        var state = new State();
        for (var i = 0; i < 8; i++)
        {
            state[i] = Vector256.Create(Initial[i]);
        }

        var counts = Vector256.Create<uint>(blockCounts);
        var blocks = 0;
        foreach (var count in blockCounts)
        {
            blocks = Math.Max(blocks, (int)count);
        }

        Span<byte> gathered = Avx2.IsSupported ? [] : stackalloc byte[Lanes * BlockBytes];
        var words = MemoryMarshal.Cast<byte, uint>(gathered);
        var schedule = new Schedule();
        var rows = new Schedule();
        for (var block = 0; block < blocks; block++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                var source = block < whole[lane]
                    ? data.Slice(starts[lane] + (block * BlockBytes), BlockBytes)
                    : tails.Slice((lane * 2 * BlockBytes) + (Math.Min(block - whole[lane], 1) * BlockBytes), BlockBytes);
                if (Avx2.IsSupported)
                {
                    rows[lane] = BigEndianWords(source[..32]);
                    rows[Lanes + lane] = BigEndianWords(source[32..]);
                }
                else
                {
                    source.CopyTo(gathered.Slice(lane * BlockBytes, BlockBytes));
                }
            }

            if (Avx2.IsSupported)
            {
                // Each lane's words as one row of a matrix, turned into one vector per word (a transpose).
                Transpose(ref rows, 0, ref schedule);
                Transpose(ref rows, Lanes, ref schedule);
            }
            else
            {
                for (var t = 0; t < 16; t++)
                {
                    schedule[t] = Vector256.Create(
                        Word(words, 0, t), Word(words, 1, t), Word(words, 2, t), Word(words, 3, t),
                        Word(words, 4, t), Word(words, 5, t), Word(words, 6, t), Word(words, 7, t));
                }
            }

            // A lane whose message has no more blocks keeps its state.
            var active = Vector256.LessThan(Vector256.Create((uint)block), counts);
            Compress(ref state, ref schedule, active);
        }

        Span<uint> lanesOfWord = stackalloc uint[Lanes];
        for (var i = 0; i < DigestBytes / 4; i++)
        {
            state[i].CopyTo(lanesOfWord);
            for (var lane = 0; lane < kept; lane++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digests.Slice((lanes[lane] * DigestBytes) + (i * 4), 4), lanesOfWord[lane]);
            }
        }
    }

    private static uint Word(ReadOnlySpan<uint> words, int lane, int t) => BinaryPrimitives.ReverseEndianness(words[(lane * 16) + t]);

    /// <summary>Eight big-endian words of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> BigEndianWords(ReadOnlySpan<byte> bytes) =>
        Avx2.Shuffle(Vector256.Create(bytes), Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12)).AsUInt32();

    /// <summary>
    /// Words <paramref name="first"/> to <paramref name="first"/> + 7 of the schedule from eight rows (one per lane,
    /// rows <paramref name="first"/> to + 7 of <paramref name="rows"/>): word t's lane L is row L's element t.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Schedule rows, int first, ref Schedule words)
    {
        var t0 = Avx2.UnpackLow(rows[first], rows[first + 1]);
        var t1 = Avx2.UnpackHigh(rows[first], rows[first + 1]);
        var t2 = Avx2.UnpackLow(rows[first + 2], rows[first + 3]);
        var t3 = Avx2.UnpackHigh(rows[first + 2], rows[first + 3]);
        var t4 = Avx2.UnpackLow(rows[first + 4], rows[first + 5]);
        var t5 = Avx2.UnpackHigh(rows[first + 4], rows[first + 5]);
        var t6 = Avx2.UnpackLow(rows[first + 6], rows[first + 7]);
        var t7 = Avx2.UnpackHigh(rows[first + 6], rows[first + 7]);
        var u0 = Avx2.UnpackLow(t0.AsUInt64(), t2.AsUInt64()).AsUInt32();
        var u1 = Avx2.UnpackHigh(t0.AsUInt64(), t2.AsUInt64()).AsUInt32();
        var u2 = Avx2.UnpackLow(t1.AsUInt64(), t3.AsUInt64()).AsUInt32();
        var u3 = Avx2.UnpackHigh(t1.AsUInt64(), t3.AsUInt64()).AsUInt32();
        var u4 = Avx2.UnpackLow(t4.AsUInt64(), t6.AsUInt64()).AsUInt32();
        var u5 = Avx2.UnpackHigh(t4.AsUInt64(), t6.AsUInt64()).AsUInt32();
        var u6 = Avx2.UnpackLow(t5.AsUInt64(), t7.AsUInt64()).AsUInt32();
        var u7 = Avx2.UnpackHigh(t5.AsUInt64(), t7.AsUInt64()).AsUInt32();
        words[first] = Avx2.Permute2x128(u0, u4, 0x20);
        words[first + 1] = Avx2.Permute2x128(u1, u5, 0x20);
        words[first + 2] = Avx2.Permute2x128(u2, u6, 0x20);
        words[first + 3] = Avx2.Permute2x128(u3, u7, 0x20);
        words[first + 4] = Avx2.Permute2x128(u0, u4, 0x31);
        words[first + 5] = Avx2.Permute2x128(u1, u5, 0x31);
        words[first + 6] = Avx2.Permute2x128(u2, u6, 0x31);
        words[first + 7] = Avx2.Permute2x128(u3, u7, 0x31);
    }

    private static void Compress(ref State state, ref Schedule w, Vector256<uint> active)
    {
        // Unrolled sixteen rounds at a time, the schedule's words and the working words in locals: each round names
        // its values instead of moving eight of them along and indexing a ring of sixteen, which left a third of a
        // round's instructions to bookkeeping. Round t's working words a..h are the locals in the order each line
        // names them (the roles turn by one a round and come back after eight).
        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        var w0 = w[0];
        var w1 = w[1];
        var w2 = w[2];
        var w3 = w[3];
        var w4 = w[4];
        var w5 = w[5];
        var w6 = w[6];
        var w7 = w[7];
        var w8 = w[8];
        var w9 = w[9];
        var w10 = w[10];
        var w11 = w[11];
        var w12 = w[12];
        var w13 = w[13];
        var w14 = w[14];
        var w15 = w[15];
        var k = RoundConstants;
        for (var t = 0; t < 64; t += 16)
        {
            if (t > 0)
            {
                // Words t to t + 15 of the schedule, each from the four before it that FIPS 180-4 names.
                w0 = Next(w0, w1, w9, w14);
                w1 = Next(w1, w2, w10, w15);
                w2 = Next(w2, w3, w11, w0);
                w3 = Next(w3, w4, w12, w1);
                w4 = Next(w4, w5, w13, w2);
                w5 = Next(w5, w6, w14, w3);
                w6 = Next(w6, w7, w15, w4);
                w7 = Next(w7, w8, w0, w5);
                w8 = Next(w8, w9, w1, w6);
                w9 = Next(w9, w10, w2, w7);
                w10 = Next(w10, w11, w3, w8);
                w11 = Next(w11, w12, w4, w9);
                w12 = Next(w12, w13, w5, w10);
                w13 = Next(w13, w14, w6, w11);
                w14 = Next(w14, w15, w7, w12);
                w15 = Next(w15, w0, w8, w13);
            }

            var t1 = Temp1(e, f, g, h, k[t], w0); d += t1; h = t1 + Temp2(a, b, c);
            t1 = Temp1(d, e, f, g, k[t + 1], w1); c += t1; g = t1 + Temp2(h, a, b);
            t1 = Temp1(c, d, e, f, k[t + 2], w2); b += t1; f = t1 + Temp2(g, h, a);
            t1 = Temp1(b, c, d, e, k[t + 3], w3); a += t1; e = t1 + Temp2(f, g, h);
            t1 = Temp1(a, b, c, d, k[t + 4], w4); h += t1; d = t1 + Temp2(e, f, g);
            t1 = Temp1(h, a, b, c, k[t + 5], w5); g += t1; c = t1 + Temp2(d, e, f);
            t1 = Temp1(g, h, a, b, k[t + 6], w6); f += t1; b = t1 + Temp2(c, d, e);
            t1 = Temp1(f, g, h, a, k[t + 7], w7); e += t1; a = t1 + Temp2(b, c, d);
            t1 = Temp1(e, f, g, h, k[t + 8], w8); d += t1; h = t1 + Temp2(a, b, c);
            t1 = Temp1(d, e, f, g, k[t + 9], w9); c += t1; g = t1 + Temp2(h, a, b);
            t1 = Temp1(c, d, e, f, k[t + 10], w10); b += t1; f = t1 + Temp2(g, h, a);
            t1 = Temp1(b, c, d, e, k[t + 11], w11); a += t1; e = t1 + Temp2(f, g, h);
            t1 = Temp1(a, b, c, d, k[t + 12], w12); h += t1; d = t1 + Temp2(e, f, g);
            t1 = Temp1(h, a, b, c, k[t + 13], w13); g += t1; c = t1 + Temp2(d, e, f);
            t1 = Temp1(g, h, a, b, k[t + 14], w14); f += t1; b = t1 + Temp2(c, d, e);
            t1 = Temp1(f, g, h, a, k[t + 15], w15); e += t1; a = t1 + Temp2(b, c, d);
        }

        state[0] = Vector256.ConditionalSelect(active, state[0] + a, state[0]);
        state[1] = Vector256.ConditionalSelect(active, state[1] + b, state[1]);
        state[2] = Vector256.ConditionalSelect(active, state[2] + c, state[2]);
        state[3] = Vector256.ConditionalSelect(active, state[3] + d, state[3]);
        state[4] = Vector256.ConditionalSelect(active, state[4] + e, state[4]);
        state[5] = Vector256.ConditionalSelect(active, state[5] + f, state[5]);
        state[6] = Vector256.ConditionalSelect(active, state[6] + g, state[6]);
        state[7] = Vector256.ConditionalSelect(active, state[7] + h, state[7]);
    }

    /// <summary>T1 of a round: h + Σ1(e) + Ch(e, f, g) + K + W, summed so that what waits on e, the last value ready, comes last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Temp1(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g, Vector256<uint> h, uint constant, Vector256<uint> word) =>
        (h + word + Vector256.Create(constant)) + (Vector256.ConditionalSelect(e, f, g) + Xor(Rotate(e, 6), Rotate(e, 11), Rotate(e, 25)));

    /// <summary>T2 of a round: Σ0(a) + Maj(a, b, c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Temp2(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) =>
        Xor(Rotate(a, 2), Rotate(a, 13), Rotate(a, 22)) + Vector256.ConditionalSelect(a ^ b, c, a);

    /// <summary>The schedule word 16 after <paramref name="w16"/>, from it and the words 15, 7 and 2 before the new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Next(Vector256<uint> w16, Vector256<uint> w15, Vector256<uint> w7, Vector256<uint> w2) =>
        w16 + Xor(Rotate(w15, 7), Rotate(w15, 18), Vector256.ShiftRightLogical(w15, 3)) + w7
            + Xor(Rotate(w2, 17), Rotate(w2, 19), Vector256.ShiftRightLogical(w2, 10));

    // AVX-512 rotates in one instruction and combines three values in one (VPROLD, VPTERNLOGD); elsewhere two
    // shifts and an or, and two xors.
    private static Vector256<uint> Rotate(Vector256<uint> value, [ConstantExpected] byte bits) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateRight(value, bits) : Vector256.ShiftRightLogical(value, bits) | Vector256.ShiftLeft(value, 32 - bits);

    private static Vector256<uint> Xor(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, 0x96) : a ^ b ^ c;

    /// <summary>The eight working words of SHA-256, one lane per message.</summary>
    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct State
    {
        private Vector256<uint> _word;
    }

    /// <summary>The last sixteen words of the message schedule, one lane per message.</summary>
    [System.Runtime.CompilerServices.InlineArray(16)]
    private struct Schedule
    {
        private Vector256<uint> _word;
    }
}
