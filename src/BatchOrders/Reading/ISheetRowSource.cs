namespace BatchOrders.Reading;

/// <summary>Streams the rows of one sheet of an input file, blank rows left out.</summary>
internal interface ISheetRowSource : IDisposable
{
    /// <summary>The sheet's name; null for CSV.</summary>
    string? SheetName { get; }

    /// <summary>The rows in file order. Throws <see cref="InputFileException"/> for a file that cannot be read.</summary>
    IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken);
}
