using System.Xml;

namespace BatchOrders.Reading;

/// <summary>What a workbook part says: its sheets in tab order and whether dates count from 1904.</summary>
internal sealed record WorkbookContents(IReadOnlyList<WorkbookSheet> Sheets, bool Date1904)
{
    /// <summary>Reads the workbook part of an .xlsx (any namespace, so Strict Open XML too).</summary>
    public static WorkbookContents ReadXml(WorkbookPackage package)
    {
        var targets = package.RelationshipsById();
        var sheets = new List<WorkbookSheet>();
        var date1904 = false;
        using var xml = package.OpenXml(package.WorkbookPart);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            // Only the workbook's own elements: an extension list may hold its own workbookPr (x15:workbookPr).
            if (xml.LocalName == "workbookPr" && xml.Depth == 1)
            {
                date1904 = xml.GetAttribute("date1904") is "1" or "true";
            }
            else if (xml.LocalName == "sheet" && xml.Depth == 2)
            {
                var id = RelationshipId(xml);
                var part = id is not null && targets.TryGetValue(id, out var target) && target.Is("worksheet") && package.Contains(target.Target)
                    ? target.Target
                    : null;
                sheets.Add(new WorkbookSheet(xml.GetAttribute("name") ?? string.Empty, part));
            }
        }

        return new WorkbookContents(sheets, date1904);
    }

    /// <summary>The sheet's r:id, in whichever namespace the relationships prefix is bound to (transitional or Strict).</summary>
    private static string? RelationshipId(XmlReader xml)
    {
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            xml.MoveToAttribute(i);
            if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0)
            {
                var value = xml.Value;
                xml.MoveToElement();
                return value;
            }
        }

        xml.MoveToElement();
        return null;
    }
}
