using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace BatchOrders.Planning;

/// <summary>
/// The bytes that are hashed into keys, message after message in one buffer, so that many keys are hashed in one
/// call (<see cref="Sha256Batch"/>). Each value is length-prefixed (Int32, little-endian), with null (-1) distinct
/// from empty, so ("ab","c") and ("a","bc") never collide; text as UTF-8, numbers as their invariant text.
/// </summary>
internal sealed class KeyMessages
{
    private byte[] _buffer;
    private int[] _ends;
    private int _length;

    public KeyMessages(int capacity = 1024)
    {
        _buffer = new byte[capacity];
        _ends = new int[Math.Max(4, capacity / 64)];
    }

    /// <summary>The messages ended so far.</summary>
    public int Count { get; private set; }

    /// <summary>How many bytes are written, the message being written included.</summary>
    public int Length => _length;

    /// <summary>Every byte written, the message being written included.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Append(string? value)
    {
        if (value is null)
        {
            Reserve(4);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), -1);
            _length += 4;
            return;
        }

        Append(value.AsSpan());
    }

    /// <summary>Appends text that is there (as <see cref="Append(string)"/> appends a string that is not null).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var bytes = _buffer.AsSpan(_length + 4);

        // Nearly every value is ASCII, whose UTF-8 is its chars narrowed: that path costs less than the encoder's.
        if (Ascii.FromUtf16(value, bytes, out var written) != OperationStatus.Done)
        {
            written = Encoding.UTF8.GetBytes(value, bytes);
        }

        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    public void Append(int value)
    {
        // int.ToString(InvariantCulture) is ASCII, so its UTF-8 is the same text.
        Reserve(4 + 11);
        value.TryFormat(_buffer.AsSpan(_length + 4), out var written, default, CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>Appends a key's text (as <see cref="Append(string)"/> would append <c>key.ToString()</c>).</summary>
    public void Append(KeyDigest key)
    {
        Reserve(4 + KeyDigest.TextLength);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), KeyDigest.TextLength);
        key.WriteText(_buffer.AsSpan(_length + 4, KeyDigest.TextLength));
        _length += 4 + KeyDigest.TextLength;
    }

    /// <summary>Appends again the <paramref name="length"/> bytes written from <paramref name="start"/> (values shared by several messages, encoded once).</summary>
    public void Repeat(int start, int length)
    {
        Reserve(length);
        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(_length));
        _length += length;
    }

    /// <summary>Ends the message being written; the next bytes start a new one.</summary>
    public void End()
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[Count++] = _length;
    }

    /// <summary>Hashes every message ended, in order: 16 digest bytes each into <paramref name="digests"/>.</summary>
    public void Hash(Span<byte> digests) => Sha256Batch.Hash(Written, _ends.AsSpan(0, Count), digests);

    /// <summary>Forgets every message, keeping the buffers.</summary>
    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
