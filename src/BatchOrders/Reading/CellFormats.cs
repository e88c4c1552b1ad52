using System.Globalization;
using System.Xml;

namespace BatchOrders.Reading;

/// <summary>The kind of number format (<see cref="NumberFormatKind"/>) each cell style of a workbook shows numbers with.</summary>
internal sealed class CellFormats
{
    private readonly NumberFormatKind[] _kinds;

    private CellFormats(NumberFormatKind[] kinds) => _kinds = kinds;

    /// <summary>A workbook without styles: every number is a plain number.</summary>
    public static CellFormats None { get; } = new([]);

    /// <summary>From the workbook's custom format codes by id and each cell style's format id, in style order.</summary>
    public static CellFormats Create(IReadOnlyDictionary<int, string> customCodes, IEnumerable<int> styleFormatIds)
    {
        // Each format is classified once, however many styles name it (a styles part may list millions).
        var kinds = new Dictionary<int, NumberFormatKind>();
        return new([.. styleFormatIds.Select(id =>
        {
            if (!kinds.TryGetValue(id, out var kind))
            {
                kind = NumberFormats.Classify(id, customCodes.GetValueOrDefault(id));
                kinds[id] = kind;
            }

            return kind;
        })]);
    }

    /// <summary>Reads the &lt;numFmts&gt; and &lt;cellXfs&gt; of an .xlsx styles part (any namespace).</summary>
    public static CellFormats ReadXml(XmlReader xml)
    {
        var codes = new Dictionary<int, string>();
        var styles = new List<int>();
        var inCellXfs = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellXfs = false;
                continue;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "numFmt" when Id(xml.GetAttribute("numFmtId")) is { } id && xml.GetAttribute("formatCode") is { } code:
                    codes[id] = code;
                    break;
                case "cellXfs":
                    inCellXfs = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    styles.Add(Id(xml.GetAttribute("numFmtId")) ?? 0);
                    break;
            }
        }

        return Create(codes, styles);
    }

    /// <summary>The kind of the style at <paramref name="styleIndex"/>; a plain number for no style or an unknown one.</summary>
    public NumberFormatKind KindOf(int styleIndex) =>
        styleIndex >= 0 && styleIndex < _kinds.Length ? _kinds[styleIndex] : NumberFormatKind.Number;

    private static int? Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
