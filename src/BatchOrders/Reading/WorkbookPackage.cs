using System.IO.Compression;
using System.Xml;

namespace BatchOrders.Reading;

/// <summary>
/// The zip package of an .xlsx or .xlsb workbook, read as Excel reads it: part names matched ignoring case and
/// with <c>\</c> or <c>/</c> alike, relationships followed from <c>_rels/.rels</c> to the workbook and from there to
/// its sheets, shared strings and styles (transitional and Strict relationship types alike). System.IO.Packaging
/// refuses such workbooks as invalid packages although Excel opens them (see docs/ARCHITECTURE.md, "Reading").
/// </summary>
internal sealed class WorkbookPackage : IDisposable
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        DtdProcessing = DtdProcessing.Prohibit,
    };

    // Where Excel puts the workbook, for a package whose relationships do not say.
    private static readonly string[] DefaultWorkbookParts = ["xl/workbook.xml", "xl/workbook.bin"];

    private readonly ZipArchive _zip;
    private readonly ReadOptions _options;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    private WorkbookPackage(ZipArchive zip, ReadOptions options, string workbookPart, IReadOnlyList<PackageRelationship> workbookRelationships)
    {
        _zip = zip;
        _options = options;
        WorkbookPart = workbookPart;
        WorkbookRelationships = workbookRelationships;
    }

    /// <summary>The workbook part's name, such as <c>xl/workbook.xml</c>.</summary>
    public string WorkbookPart { get; }

    /// <summary>The workbook's relationships, targets resolved to part names.</summary>
    public IReadOnlyList<PackageRelationship> WorkbookRelationships { get; }

    /// <summary>Opens the package and finds its workbook; a zip that holds no workbook is an <see cref="InputFileException"/>.</summary>
    public static WorkbookPackage Open(string path, string damagedMessage, ReadOptions options)
    {
        var zip = ZipFile.OpenRead(path);
        try
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                entries.TryAdd(Normalise(entry.FullName), entry);
            }

            var workbook = Relationships(entries, string.Empty, options).FirstOrDefault(r => r.Is("officeDocument"))?.Target;
            workbook ??= DefaultWorkbookParts.FirstOrDefault(entries.ContainsKey);
            if (workbook is null || !entries.ContainsKey(workbook))
            {
                throw new InputFileException(damagedMessage);
            }

            var package = new WorkbookPackage(zip, options, workbook, Relationships(entries, workbook, options));
            foreach (var (name, entry) in entries)
            {
                package._entries.Add(name, entry);
            }

            return package;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the package, reads its workbook part with <paramref name="readContents"/> (.xlsx XML or .xlsb records)
    /// and chooses the sheet; the package is closed again when that fails.
    /// </summary>
    public static (WorkbookPackage Package, WorkbookSheet Sheet, bool Date1904) OpenSheet(string path, ReadOptions options, Func<WorkbookPackage, WorkbookContents> readContents)
    {
        var package = Open(path, InputFileSniffer.DamagedMessage(path), options);
        try
        {
            var contents = readContents(package);
            return (package, WorkbookSheet.Choose(contents.Sheets, options.Sheet), contents.Date1904);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    /// <summary>The workbook's relationships by id; of two with one id (a damaged package), the first, as Excel reads it.</summary>
    public Dictionary<string, PackageRelationship> RelationshipsById()
    {
        var byId = new Dictionary<string, PackageRelationship>(StringComparer.Ordinal);
        foreach (var relationship in WorkbookRelationships)
        {
            byId.TryAdd(relationship.Id, relationship);
        }

        return byId;
    }

    /// <summary>The part a workbook relationship of this type points to (the last segment of its type, such as "styles"), or null.</summary>
    public string? WorkbookPartOfType(string type) => WorkbookRelationships.FirstOrDefault(r => r.Is(type) && _entries.ContainsKey(r.Target))?.Target;

    /// <summary>Whether the package holds the part.</summary>
    public bool Contains(string part) => _entries.ContainsKey(part);

    /// <summary>Opens a part for reading; one larger than <see cref="ReadOptions.MaxPartBytes"/> once inflated is refused unread.</summary>
    public Stream OpenPart(string part) =>
        _entries.TryGetValue(part, out var entry) ? OpenEntry(entry, part, _options) : throw new InputFileException($"The workbook is damaged: its part {part} is missing.");

    /// <summary>
    /// Opens an XML part with a reader that refuses DTDs, skips comments and processing instructions, and stops at a
    /// run of text longer than any cell (<see cref="XmlTextRunGuard"/>).
    /// </summary>
    public XmlReader OpenXml(string part) => OpenXml(OpenPart(part), part, _options);

    public void Dispose() => _zip.Dispose();

    /// <summary>"xl\worksheets\sheet1.xml" and "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml".</summary>
    internal static string Normalise(string name) => name.Replace('\\', '/').TrimStart('/');

    /// <summary>A relationship's target relative to the folder of its source part ("worksheets/sheet1.xml", "../media/x", "/xl/a.xml").</summary>
    internal static string Resolve(string sourcePart, string target)
    {
        target = target.Replace('\\', '/');
        var segments = new List<string>();
        if (!target.StartsWith('/'))
        {
            var folder = sourcePart.LastIndexOf('/');
            if (folder > 0)
            {
                segments.AddRange(sourcePart[..folder].Split('/'));
            }
        }

        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(Uri.UnescapeDataString(segment));
            }
        }

        return string.Join('/', segments);
    }

    // The zip's directory says how large a part is once inflated, and the inflating stream never gives more than that
    // (a part that claims less than it holds reads as cut short): so the budget is checked before a byte is inflated.
    private static Stream OpenEntry(ZipArchiveEntry entry, string part, ReadOptions options) =>
        entry.Length > options.MaxPartBytes ? throw ReadBudgets.PartTooLarge(part, entry.Length, options.MaxPartBytes) : entry.Open();

    private static XmlReader OpenXml(Stream part, string name, ReadOptions options) =>
        XmlReader.Create(new XmlTextRunGuard(part, name, Math.Max(1024 * 1024, options.MaxCellLength * 8L), options.MaxCellLength), XmlSettings);

    private static List<PackageRelationship> Relationships(Dictionary<string, ZipArchiveEntry> entries, string sourcePart, ReadOptions options)
    {
        var folder = sourcePart.LastIndexOf('/');
        var relsPart = folder < 0 ? $"_rels/{sourcePart}.rels" : $"{sourcePart[..folder]}/_rels/{sourcePart[(folder + 1)..]}.rels";
        var relationships = new List<PackageRelationship>();
        if (!entries.TryGetValue(relsPart, out var entry))
        {
            return relationships;
        }

        using var xml = OpenXml(OpenEntry(entry, relsPart, options), relsPart, options);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" &&
                xml.GetAttribute("Id") is { } id && xml.GetAttribute("Type") is { } type && xml.GetAttribute("Target") is { } target &&
                !string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                relationships.Add(new PackageRelationship(id, type, Resolve(sourcePart, target)));
            }
        }

        return relationships;
    }
}
