using System.Text;
using System.Xml;

namespace BatchOrders.Reading;

/// <summary>
/// A workbook's shared strings kept as one UTF-8 buffer plus offsets, decoded when a cell uses one: a table of
/// 100,000 distinct texts costs about a third of what as many strings would. Recently decoded items are kept in
/// a small direct-mapped cache, so that a value repeated down a column (an offer id, a billing cycle) is usually
/// the same string instance rather than a new one per cell. The texts come from an XML reader or from UTF-16 in
/// an .xlsb, well-formed but for a lone surrogate an escape or a damaged .xlsb spells, which the UTF-8 round trip
/// turns into U+FFFD: an unreadable character, reported as one in an order column.
/// </summary>
internal sealed class SharedStringTable
{
    private const int CacheSize = 4096;

    private readonly List<int> _offsets = [0];
    private readonly (int Index, string? Text)[] _cache = new (int, string?)[CacheSize];
    private byte[] _bytes = new byte[4096];

    public int Count => _offsets.Count - 1;

    public string this[int index]
    {
        get
        {
            ref var cached = ref _cache[index % CacheSize];
            if (cached.Text is null || cached.Index != index)
            {
                var start = _offsets[index];
                cached = (index, Encoding.UTF8.GetString(_bytes, start, _offsets[index + 1] - start));
            }

            return cached.Text;
        }
    }

    /// <summary>Reads the &lt;si&gt; items of an .xlsx shared strings part.</summary>
    public static SharedStringTable ReadXml(XmlReader xml)
    {
        var strings = new SharedStringTable();
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                strings.Add(ReadItem(xml));
            }
            else
            {
                xml.Read();
            }
        }

        return strings;
    }

    /// <summary>
    /// The text of a shared or inline string item: its &lt;t&gt;, or its rich-text runs joined; phonetic hints
    /// left out; <c>_xHHHH_</c> escapes decoded (<see cref="ExcelEscapes"/>). Leaves the reader on the node after the item.
    /// </summary>
    public static string ReadItem(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return string.Empty;
        }

        var depth = xml.Depth;
        string? first = null;
        StringBuilder? joined = null;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                var text = xml.ReadElementContentAsString();
                if (first is null)
                {
                    first = text;
                }
                else
                {
                    (joined ??= new StringBuilder(first)).Append(text);
                }
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "rPh" or "rPr")
            {
                xml.Skip();
            }
            else
            {
                xml.Read();
            }
        }

        xml.Read();
        return ExcelEscapes.Decode(joined?.ToString() ?? first ?? string.Empty);
    }

    public void Add(ReadOnlySpan<char> text)
    {
        var start = _offsets[^1];
        var needed = start + Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        }

        _offsets.Add(start + Encoding.UTF8.GetBytes(text, _bytes.AsSpan(start)));
    }
}
