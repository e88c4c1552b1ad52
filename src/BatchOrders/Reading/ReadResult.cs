namespace BatchOrders.Reading;

/// <summary>
/// What reading a file gave: its valid rows and every row error, or, when the file as a whole cannot be used,
/// the <see cref="Problem"/> (and nothing else).
/// </summary>
/// <param name="File">The path that was read.</param>
/// <param name="Sheet">The sheet that was read; null for CSV.</param>
/// <param name="Headers">The header row's names as written, in file order.</param>
/// <param name="Rows">The valid rows, in file order.</param>
/// <param name="Errors">Every problem of every invalid row, in file order.</param>
/// <param name="DataRowCount">The non-blank rows below the header, valid or not.</param>
/// <param name="Problem">Why the file as a whole cannot be used; null when it could be read.</param>
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

    internal static ReadResult Failed(string file, string message, ReadBudget? budget = null) =>
        new(file, null, [], [], [], 0, new InputFileProblem(file, message, budget));
}
