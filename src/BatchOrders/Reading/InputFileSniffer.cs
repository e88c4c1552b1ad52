using System.Text;

namespace BatchOrders.Reading;

/// <summary>
/// Decides how to read a file from its extension, then checks its first bytes agree: a CSV renamed to .xlsx or an
/// Excel file named .csv is told plainly; a workbook whose extension names another Excel format is read as what it is,
/// as Excel does.
/// </summary>
internal static class InputFileSniffer
{
    /// <summary>What a user is told about a workbook protected with a password of its own.</summary>
    internal const string PasswordMessage =
        "The workbook is protected with a password, so it cannot be read. In Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again.";

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static InputFileKind Sniff(string path)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        var head = ReadHead(path);
        var isZip = head.AsSpan().StartsWith(ZipMagic);
        var isOle = head.AsSpan().StartsWith(OleMagic);
        var named = extension.ToLowerInvariant();

        switch (extension)
        {
            case ".CSV" or ".TSV" or ".TXT":
                if (isZip || isOle)
                {
                    throw new InputFileException($"The file ends in {named} but is an Excel workbook: rename it to .xlsx (or .xls), or save it from Excel as \"CSV UTF-8\".");
                }

                return InputFileKind.DelimitedText;
            case ".XLSX" or ".XLSM" or ".XLSB" or ".XLS":
                if (isOle)
                {
                    return InputFileKind.CompoundFile;
                }

                if (isZip)
                {
                    return extension == ".XLSB" ? InputFileKind.BinaryWorkbook : InputFileKind.OpenXmlWorkbook;
                }

                throw new InputFileException(LooksLikeText(head)
                    ? $"The file ends in {named} but holds plain text (it looks like a CSV file that was renamed): rename it to .csv, or open it in Excel and save it as \"Excel Workbook (.xlsx)\"."
                    : $"The file ends in {named} but is not an Excel workbook (it may be damaged): open it in Excel and save it again as \"Excel Workbook (.xlsx)\".");
            case "":
                throw new InputFileException("The file has no extension, so its type is unknown: name it .csv, .xlsx, .xlsb or .xls.");
            default:
                throw new InputFileException($"Files of type {named} are not supported: use a .csv, .xlsx, .xlsb or .xls file.");
        }
    }

    /// <summary>What a user is told about a workbook that cannot be opened as one.</summary>
    public static string DamagedMessage(string path) =>
        $"The workbook is damaged or is not a real {Path.GetExtension(path).ToLowerInvariant()} file, so it cannot be read: open it in Excel and save it again as \"Excel Workbook (.xlsx)\".";

    /// <summary>Whether an OLE compound file holds an encrypted package (an "EncryptionInfo" stream, its name in UTF-16).</summary>
    public static bool IsEncrypted(string path)
    {
        if (!ReadHead(path).AsSpan().StartsWith(OleMagic))
        {
            return false;
        }

        var marker = Encoding.Unicode.GetBytes("EncryptionInfo");
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(stream.Length, 1024 * 1024)];
        stream.ReadExactly(buffer);
        return buffer.AsSpan().IndexOf(marker) >= 0;
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
}
