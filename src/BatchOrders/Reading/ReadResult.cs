namespace BatchOrders.Reading;

/// <summary>
/// What reading a file gave: its valid rows and every row error, or, when the file as a whole cannot be used,
/// the <see cref="Problem"/> (and nothing else).
/// </summary>
public sealed record ReadResult(
    string File,
    string? Sheet,
    IReadOnlyList<string> Headers,
    IReadOnlyList<OrderRow> Rows,
    IReadOnlyList<RowError> Errors,
    int DataRowCount,
    InputFileProblem? Problem)
{
    /// <summary>True when every data row is valid and the file could be read.</summary>
    public bool IsValid => Problem is null && Errors.Count == 0;

    internal static ReadResult Failed(string file, string message) =>
        new(file, null, [], [], [], 0, new InputFileProblem(file, message));
}
