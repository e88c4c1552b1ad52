namespace BatchOrders.Reading;

/// <summary>
/// Reads an XML part and refuses it once a run of text grows past what any cell can hold, before an XML reader makes
/// a string of it: a value (or a name) cannot contain <c>&lt;</c>, so the longest string a reader materialises is no
/// longer than the longest run of bytes without one, and a CDATA section counts whole, <c>&lt;</c> or not. A workbook
/// bomb that is one enormous cell is then refused after a megabyte, not after the gigabytes of memory its string
/// would take. The check is one backward search per <c>limit</c> bytes, so ordinary parts pay nothing measurable.
/// </summary>
internal sealed class XmlTextRunGuard(Stream inner, string part, long limit, int maxCellLength) : Stream
{
    private static ReadOnlySpan<byte> CDataStart => "<![CDATA["u8;

    private static ReadOnlySpan<byte> CDataEnd => "]]>"u8;

    // Bytes since the last '<' outside CDATA, or since the CDATA section being read started. The last few bytes of a
    // read are kept to find a marker split between two reads.
    private long _run;
    private bool _inCData;
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (!_inCData && bytes.IndexOf(CDataStart) < 0 && !SplitMarker(bytes, CDataStart))
        {
            CheckPlain(bytes);
        }
        else
        {
            CheckWithCData(bytes);
        }

        Keep(bytes);
    }

    // The common case: no CDATA. From where the run stands, each window of bytes must hold a '<'; the last one found
    // starts the next window.
    private void CheckPlain(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            var room = limit - _run;
            var window = bytes[at..(int)Math.Min(bytes.Length, at + room + 1)];
            var last = window.LastIndexOf((byte)'<');
            if (last < 0)
            {
                _run += window.Length;
                if (_run > limit)
                {
                    throw ReadBudgets.CellTooLong(part, limit, maxCellLength);
                }

                return;
            }

            _run = window.Length - last - 1;
            at += window.Length;
        }
    }

    // Byte by byte through the markers, which only CDATA (rare in a workbook) asks for.
    private void CheckWithCData(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            _run++;
            if (_inCData)
            {
                if (bytes[i] == (byte)'>' && EndsWith(bytes, i, CDataEnd))
                {
                    _inCData = false;
                    _run = 0;
                }
            }
            else if (bytes[i] == (byte)'<')
            {
                _run = 0;
            }
            else if (bytes[i] == (byte)'[' && EndsWith(bytes, i, CDataStart))
            {
                _inCData = true;
            }

            if (_run > limit)
            {
                throw ReadBudgets.CellTooLong(part, limit, maxCellLength);
            }
        }
    }

    // Whether the marker ends at bytes[i], looking back into the previous read's tail when it starts there.
    private bool EndsWith(ReadOnlySpan<byte> bytes, int i, ReadOnlySpan<byte> marker)
    {
        for (var k = 0; k < marker.Length; k++)
        {
            var at = i - k;
            var b = at >= 0 ? bytes[at] : at + _tailLength >= 0 ? _tail[at + _tailLength] : -1;
            if (b != marker[marker.Length - 1 - k])
            {
                return false;
            }
        }

        return true;
    }

    // Whether the start of a CDATA marker begins in the previous read's tail and ends in this read.
    private bool SplitMarker(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker)
    {
        Span<byte> joined = stackalloc byte[16];
        _tail.AsSpan(0, _tailLength).CopyTo(joined);
        var head = Math.Min(bytes.Length, marker.Length - 1);
        bytes[..head].CopyTo(joined[_tailLength..]);
        return joined[..(_tailLength + head)].IndexOf(marker) >= 0;
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        Span<byte> joined = stackalloc byte[16];
        _tail.AsSpan(0, _tailLength).CopyTo(joined);
        var keep = Math.Min(bytes.Length, _tail.Length);
        bytes[^keep..].CopyTo(joined[_tailLength..]);
        var total = _tailLength + keep;
        _tailLength = Math.Min(total, _tail.Length);
        joined[(total - _tailLength)..total].CopyTo(_tail);
    }
}
