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

    private readonly string _path;
    private readonly HashSet<long> _unterminatedQuoteRows = [];

    public CsvRowSource(string path) => _path = path;

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
            var rowNumber = checked((int)reader.RowNumber);
            if ((rowNumber & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            string[]? cells = null;
            var blank = buffered ? ReadCells(reader, buffer) : ReadCells(reader, out cells);
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

    /// <summary>The record's cells as strings; true when they are all empty.</summary>
    private static bool ReadCells(CsvReader reader, out string[] cells)
    {
        cells = new string[reader.FieldCount];
        var blank = true;
        for (var i = 0; i < cells.Length; i++)
        {
            var value = FormulaText.Unguard(reader.GetString(i) ?? string.Empty);
            cells[i] = value;
            blank &= value.Length == 0;
        }

        return blank;
    }

    /// <summary>The record's cells into <paramref name="buffer"/>, as <see cref="ReadCells(CsvReader, out string[])"/> gives them; true when they are all empty.</summary>
    private static bool ReadCells(CsvReader reader, CellBuffer buffer)
    {
        buffer.Clear();
        var blank = true;
        for (var i = 0; i < reader.FieldCount; i++)
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
            throw new InputFileException(
                $"The file could not be read as CSV near row {ex.RecordNumber}: a quoted value (\") seems never to be closed. Check the quotes in that row.", ex);
        }
    }

    /// <summary>
    /// UTF-8 unless the start of the file says otherwise: Excel's plain "CSV" (not "CSV UTF-8") saves in the
    /// Windows ANSI code page, and reading that as UTF-8 would garble names such as "Müller".
    /// </summary>
    private static Encoding? DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(EncodingSniffBytes, stream.Length)];
        stream.ReadExactly(buffer);
        ReadOnlySpan<byte> start = buffer;
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        if (Utf8.IsValid(WithoutTruncatedSequence(start, stream.Length > buffer.Length)))
        {
            return null;
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
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
