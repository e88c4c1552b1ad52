namespace BatchOrders.Reading;

/// <summary>
/// Decides how to read a file from its extension, then checks its first bytes agree: a CSV renamed to .xlsx,
/// a password-protected workbook (an encrypted OLE container, not a zip) or an old .xls are each told plainly.
/// </summary>
internal static class InputFileSniffer
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static InputFileKind Sniff(string path, long length)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        var head = ReadHead(path);
        var isZip = head.AsSpan().StartsWith(ZipMagic);
        var isOle = head.AsSpan().StartsWith(OleMagic);

        switch (extension)
        {
            case ".CSV" or ".TSV" or ".TXT":
                if (isZip || isOle)
                {
                    throw new InputFileException($"The file ends in {extension.ToLowerInvariant()} but is an Excel workbook: rename it to .xlsx, or save it from Excel as \"CSV UTF-8\".");
                }

                return InputFileKind.DelimitedText;
            case ".XLSX" or ".XLSM":
                if (isOle)
                {
                    throw new InputFileException(IsEncrypted(path, length)
                        ? "The workbook is protected with a password, so it cannot be read. In Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again."
                        : "The file is an old Excel 97-2003 workbook with an .xlsx name: open it in Excel and save it as \"Excel Workbook (.xlsx)\".");
                }

                if (!isZip)
                {
                    throw new InputFileException(LooksLikeText(head)
                        ? $"The file ends in {extension.ToLowerInvariant()} but holds plain text (it looks like a CSV file that was renamed): rename it to .csv, or open it in Excel and save it as \"Excel Workbook (.xlsx)\"."
                        : $"The file ends in {extension.ToLowerInvariant()} but is not an Excel workbook (it may be damaged): open it in Excel and save it again as \"Excel Workbook (.xlsx)\".");
                }

                return InputFileKind.Workbook;
            case ".XLS":
                throw new InputFileException("Old Excel 97-2003 workbooks (.xls) are not supported: open the file in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\".");
            case "":
                throw new InputFileException("The file has no extension, so its type is unknown: name it .csv or .xlsx.");
            default:
                throw new InputFileException($"Files of type {extension.ToLowerInvariant()} are not supported: use a .csv or .xlsx file.");
        }
    }

    private static byte[] ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[512];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read];
    }

    private static bool LooksLikeText(byte[] head) =>
        head.Length > 0 && Array.TrueForAll(head, b => b >= 0x20 || b is 0x09 or 0x0A or 0x0D || b >= 0x80) && Array.IndexOf(head, (byte)0) < 0;

    /// <summary>An encrypted Office file is an OLE container with an "EncryptionInfo" stream, its name in UTF-16.</summary>
    private static bool IsEncrypted(string path, long length)
    {
        var marker = System.Text.Encoding.Unicode.GetBytes("EncryptionInfo");
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(length, 1024 * 1024)];
        stream.ReadExactly(buffer);
        return buffer.AsSpan().IndexOf(marker) >= 0;
    }
}
