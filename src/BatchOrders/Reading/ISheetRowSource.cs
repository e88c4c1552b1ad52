namespace BatchOrders.Reading;

/// <summary>Streams the rows of one sheet of an input file, blank rows left out.</summary>
internal interface ISheetRowSource : IDisposable
{
    /// <summary>The sheet's name; null for CSV.</summary>
    string? SheetName { get; }

    /// <summary>The rows in file order. Throws <see cref="InputFileException"/> for a file that cannot be read.</summary>
    IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken);

    /// <summary>
    /// The same rows, whose cells may be in a buffer the source reuses for the next row (<see cref="SheetRow.Buffer"/>):
    /// how a source that decodes text avoids a string per cell. By default the rows of <see cref="ReadRows"/>.
    /// </summary>
    IEnumerable<SheetRow> ReadRowsBuffered(CancellationToken cancellationToken) => ReadRows(cancellationToken);
}
