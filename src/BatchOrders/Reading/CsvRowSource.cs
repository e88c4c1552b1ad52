using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace BatchOrders.Reading;

/// <summary>
/// Streams the rows of a delimited text file with CsvHelper: separator (, ; tab) detected, UTF-8 with or
/// without BOM (UTF-16 when it has a BOM), quoted fields with separators and line breaks, values trimmed.
/// Row numbers are Excel's: a blank line counts as a row, a quoted line break does not.
/// </summary>
internal sealed class CsvRowSource : ISheetRowSource
{
    // A record longer than this means a quote that is never closed swallowing the file, not data.
    private const int MaxRecordBytes = 4 * 1024 * 1024;
    private const int EncodingSniffBytes = 1024 * 1024;

    /// <summary>Byte order marks of encodings no CSV program saves by default, and which are not read here.</summary>
    private static readonly (byte[] Bytes, string Name)[] UnreadByteOrderMarks =
    [
        ([0x2B, 0x2F, 0x76], "UTF-7"), ([0xF7, 0x64, 0x4C], "UTF-1"), ([0xDD, 0x73, 0x66, 0x73], "UTF-EBCDIC"),
        ([0x0E, 0xFE, 0xFF], "SCSU"), ([0xFB, 0xEE, 0x28], "BOCU-1"), ([0x84, 0x31, 0x95, 0x33], "GB18030"),
    ];

    private readonly string _path;
    private readonly int _maxColumns;
    private readonly HashSet<long> _unterminatedQuoteRows = [];

    public CsvRowSource(string path, ReadOptions? options = null)
    {
        _path = path;
        _maxColumns = (options ?? new ReadOptions()).MaxColumns;
    }

    public string? SheetName => null;

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken) => Rows(buffered: false, cancellationToken);

    /// <summary>The rows with their cells in one buffer the source reuses: no string per cell.</summary>
    public IEnumerable<SheetRow> ReadRowsBuffered(CancellationToken cancellationToken) => Rows(buffered: true, cancellationToken);

    private IEnumerable<SheetRow> Rows(bool buffered, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = true,
            PoolStrings = !buffered,
            MaxRecordSize = MaxRecordBytes,
            Encoding = DetectEncoding(_path),
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    _unterminatedQuoteRows.Add(record.RecordNumber);
                }
            },
        };

        using var reader = CsvReader.FromFile(_path, options);
        var buffer = new CellBuffer();
        while (Read(reader))
        {
            // Only a file larger than the default size budget can have this many lines.
            if (reader.RowNumber > int.MaxValue)
            {
                throw ReadBudgets.TooManyRows("The file", int.MaxValue);
            }

            var rowNumber = (int)reader.RowNumber;
            if ((rowNumber & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var fields = Fields(reader, rowNumber);
            string[]? cells = null;
            var blank = buffered ? ReadCells(reader, fields, buffer) : ReadCells(reader, fields, out cells);
            if (blank)
            {
                continue;
            }

            IReadOnlyList<CellIssue>? issues = _unterminatedQuoteRows.Contains(rowNumber)
                ? [new CellIssue(-1, "A quoted value that starts in this row is never closed, so the rest of the file was read as one value: check the quotes (\") in this row.")]
                : null;
            yield return buffered ? new SheetRow(rowNumber, buffer, issues) : new SheetRow(rowNumber, cells!, issues);
        }
    }

    /// <summary>
    /// How many of the record's fields are read: all of them, or the budget's worth when the rest are empty (a
    /// spreadsheet saved as CSV writes a separator for every column it ever used); a value past it refuses the file.
    /// </summary>
    private int Fields(CsvReader reader, int rowNumber)
    {
        var count = reader.FieldCount;
        if (count <= _maxColumns)
        {
            return count;
        }

        for (var i = _maxColumns; i < count; i++)
        {
            if (!reader.GetRawSpan(i).Trim(" \t\""u8).IsEmpty)
            {
                throw ReadBudgets.TooManyColumns("The file", rowNumber, i, _maxColumns);
            }
        }

        return _maxColumns;
    }

    /// <summary>The record's first <paramref name="fields"/> cells as strings; true when they are all empty.</summary>
    private static bool ReadCells(CsvReader reader, int fields, out string[] cells)
    {
        cells = new string[fields];
        var blank = true;
        for (var i = 0; i < cells.Length; i++)
        {
            var value = FormulaText.Unguard(reader.GetString(i) ?? string.Empty);
            cells[i] = value;
            blank &= value.Length == 0;
        }

        return blank;
    }

    /// <summary>The record's first <paramref name="fields"/> cells into <paramref name="buffer"/>, as <see cref="ReadCells(CsvReader, int, out string[])"/> gives them; true when they are all empty.</summary>
    private static bool ReadCells(CsvReader reader, int fields, CellBuffer buffer)
    {
        buffer.Clear();
        var blank = true;
        for (var i = 0; i < fields; i++)
        {
            // The decoded text is never longer, in UTF-16 chars, than the field's UTF-8 bytes.
            var written = reader.GetChars(i, buffer.Reserve(reader.GetRawSpan(i).Length));
            buffer.End(written);
            if (FormulaText.IsGuarded(buffer[i]))
            {
                buffer.TrimLastStart(1);
            }

            blank &= written == 0;
        }

        return blank;
    }

    public void Dispose()
    {
    }

    private static bool Read(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException ex)
        {
            // Quoting problems are recovered from (and reported per row); what throws is a record past the buffer's limit.
            throw new InputFileException(
                FormattableString.Invariant($"The file could not be read as CSV near row {ex.RecordNumber:N0}: a line there runs on for more than {MaxRecordBytes / (1024 * 1024)} MB, ") +
                "so a quoted value (\") seems never to be closed, or a value is far longer than the 32,767 characters a cell holds. Check the quotes and the long values in that row.",
                ex,
                ReadBudget.CellLength);
        }
    }

    /// <summary>
    /// UTF-8 unless the start of the file says otherwise: Excel's plain "CSV" (not "CSV UTF-8") saves in the
    /// Windows ANSI code page, and reading that as UTF-8 would garble names such as "Müller". A file that is mostly
    /// UTF-8 (more of its non-ASCII characters are UTF-8 than are not) is UTF-8 with a few bad bytes, which read as
    /// U+FFFD and are reported where they are; read as ANSI, every one of its other names would be garbled unseen.
    /// </summary>
    private static Encoding? DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(EncodingSniffBytes, stream.Length)];
        stream.ReadExactly(buffer);
        ReadOnlySpan<byte> start = buffer;
        if (start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        foreach (var (bytes, name) in UnreadByteOrderMarks)
        {
            if (start.StartsWith(bytes))
            {
                // Read as ANSI, such a file fails on its first column's name, which would send the user after the wrong fault.
                throw new InputFileException(
                    $"This text file is saved in the {name} encoding, which BatchOrders does not read. In Excel, save it again with \"Save as type: CSV UTF-8 (comma delimited)\" and use that file.");
            }
        }

        var sample = WithoutTruncatedSequence(start, stream.Length > buffer.Length);
        if (Utf8.IsValid(sample) || IsMostlyUtf8(sample))
        {
            return null;
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>Whether the valid multi-byte UTF-8 characters outnumber the bytes that are no part of one.</summary>
    private static bool IsMostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var ascii = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                break;
            }

            bytes = bytes[ascii..];
            if (Rune.DecodeFromUtf8(bytes, out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            bytes = bytes[consumed..];
        }

        return valid > invalid;
    }

    /// <summary>The sniffed block may end in the middle of a multi-byte character; leave that character out.</summary>
    private static ReadOnlySpan<byte> WithoutTruncatedSequence(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (!truncated)
        {
            return bytes;
        }

        var end = bytes.Length;
        for (var back = 0; back < 4 && end > 0; back++)
        {
            var b = bytes[end - 1];
            end--;
            if ((b & 0xC0) != 0x80)
            {
                return bytes[..end];
            }
        }

        return bytes[..end];
    }
}
