using System.Globalization;

namespace BatchOrders.Reading;

/// <summary>How long values are shown in messages and tables: the start of the text and an ellipsis.</summary>
public static class DisplayText
{
    /// <summary>How many characters of a long value are shown.</summary>
    public const int ShortLength = 40;

    /// <summary>
    /// The text itself when short, else as many of its first characters as fit in <see cref="ShortLength"/> and "…".
    /// The cut falls between characters as a reader sees them (grapheme clusters: an emoji, a letter with its
    /// accents), never between the two halves of a surrogate pair.
    /// </summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= ShortLength ? text : string.Concat(text.AsSpan(0, CutAt(text, ShortLength)), "…");
    }

    /// <summary>
    /// Where to cut <paramref name="text"/> to keep at most <paramref name="length"/> chars: after the last whole
    /// character that fits, or, when the first character alone is longer (a letter with thousands of accents), after
    /// the last whole code point.
    /// </summary>
    public static int CutAt(ReadOnlySpan<char> text, int length)
    {
        if (text.Length <= length)
        {
            return text.Length;
        }

        var end = 0;
        while (end < length)
        {
            var next = StringInfo.GetNextTextElementLength(text[end..]);
            if (end + next > length)
            {
                break;
            }

            end += next;
        }

        if (end == 0)
        {
            end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        }

        return end;
    }
}
