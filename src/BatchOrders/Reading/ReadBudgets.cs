using static System.FormattableString;

namespace BatchOrders.Reading;

/// <summary>
/// The problems of a file over one of <see cref="ReadOptions"/>' budgets, each in plain words: what the file holds,
/// the budget it went over, and what to do. The host adds the setting that raises the budget (<see cref="ReadBudget"/>).
/// </summary>
internal static class ReadBudgets
{
    private const double Mebibyte = 1024.0 * 1024;

    public static InputFileException FileTooLarge(long length, long max) => new(
        Invariant($"The file is {length / Mebibyte:N0} MB, larger than the {max / Mebibyte:N0} MB BatchOrders reads at once: split it into smaller files."),
        budget: ReadBudget.FileSize);

    public static InputFileException PartTooLarge(string part, long length, long max) => new(
        Invariant($"The workbook's part {part} is {length / Mebibyte:N0} MB once unpacked, more than the {max / Mebibyte:N0} MB BatchOrders unpacks from one part: ") +
        "no order sheet comes near that, so the workbook is damaged or holds something else (a zip bomb, or a sheet of empty cells). If it really holds that many orders, split it into smaller files.",
        budget: ReadBudget.PartSize);

    public static InputFileException TooManyColumns(string where, int row, int column, int max) => new(
        Invariant($"{where}, row {row:N0}, has a value in column {ColumnLetters.From(column)} (column {column + 1:N0}), past the {max:N0} columns BatchOrders reads, ") +
        "far more than an order sheet needs: remove what is in that column and beyond, or move it to another sheet.",
        budget: ReadBudget.Columns);

    public static InputFileException TooManyRows(string where, int max) => new(
        Invariant($"{where} has more than {max:N0} data rows, more than BatchOrders reads from one file: split it into smaller files."),
        budget: ReadBudget.Rows);

    public static InputFileException CellTooLong(string part, long bytes, int max) => new(
        Invariant($"The workbook's part {part} holds a text of more than {bytes:N0} bytes, and a cell holds at most {max:N0} characters: ") +
        "the workbook is damaged or is not an order sheet.",
        budget: ReadBudget.CellLength);

    public static InputFileException TooMuchText(string where, int rows, long max) => new(
        Invariant($"{where} holds more than {max:N0} characters of text in its first {rows:N0} data rows, more than BatchOrders keeps in memory at once ") +
        "(a long text repeated in many cells does it too): split the file into smaller files, or shorten the long values.",
        budget: ReadBudget.Text);
}
