namespace BatchOrders.Reading;

/// <summary>One relationship of a package part: its id, its type URI and the part it points to.</summary>
internal sealed record PackageRelationship(string Id, string Type, string Target)
{
    /// <summary>
    /// Whether the type ends in <paramref name="name"/> ("worksheet", "sharedStrings"): transitional
    /// (…/officeDocument/2006/relationships/…) and Strict (…/ooxml/officeDocument/relationships/…) types alike.
    /// </summary>
    public bool Is(string name) =>
        Type.Length > name.Length && Type[^(name.Length + 1)] == '/' && Type.EndsWith(name, StringComparison.OrdinalIgnoreCase);
}
