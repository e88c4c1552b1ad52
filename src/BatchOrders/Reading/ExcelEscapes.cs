using System.Globalization;

namespace BatchOrders.Reading;

/// <summary>
/// How Office stores in XML the characters XML cannot hold: <c>_xHHHH_</c>, the character's UTF-16 code in hex
/// (<c>_x0001_</c>; a literal "_x0041_" typed in a cell is stored as <c>_x005F_x0041_</c>). Excel decodes them when it
/// reads an .xlsx, and so does BatchOrders; an .xlsb holds its text as UTF-16 and needs none.
/// </summary>
internal static class ExcelEscapes
{
    private const int Length = 7;

    /// <summary>The text with every <c>_xHHHH_</c> decoded; the same string when it has none.</summary>
    public static string Decode(string text)
    {
        var first = text.AsSpan().IndexOf("_x", StringComparison.Ordinal);
        if (first < 0)
        {
            return text;
        }

        var decoded = new System.Text.StringBuilder(text.Length);
        decoded.Append(text.AsSpan(0, first));
        for (var i = first; i < text.Length; i++)
        {
            if (IsEscapeAt(text, i))
            {
                decoded.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += Length - 1;
            }
            else
            {
                decoded.Append(text[i]);
            }
        }

        return decoded.ToString();
    }

    /// <summary>Whether an escape (<c>_x</c>, four hex digits, <c>_</c>) starts at <paramref name="index"/>.</summary>
    public static bool IsEscapeAt(string text, int index) =>
        index + Length <= text.Length && text[index] == '_' && text[index + 1] == 'x' && text[index + Length - 1] == '_' &&
        char.IsAsciiHexDigit(text[index + 2]) && char.IsAsciiHexDigit(text[index + 3]) &&
        char.IsAsciiHexDigit(text[index + 4]) && char.IsAsciiHexDigit(text[index + 5]);
}
