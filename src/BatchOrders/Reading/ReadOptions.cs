using System.ComponentModel.DataAnnotations;

namespace BatchOrders.Reading;

/// <summary>
/// How an input file is read, with the budgets that keep a hostile or broken file from exhausting the machine: each
/// default is well above any real order sheet, and a file over one is refused with a message naming the budget
/// (docs/limits.md).
/// </summary>
public sealed record ReadOptions
{
    /// <summary>The sheet of a workbook to read; null for the first one.</summary>
    public string? Sheet { get; init; }

    /// <summary>Rows per file (data rows): Excel's own row limit, so a larger file is not a spreadsheet export.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; init; } = 1_048_576;

    /// <summary>Files larger than this are refused before reading (default 512 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Length of a cell: Excel's limit on the text of one cell.</summary>
    [Range(1, 1_048_576)]
    public int MaxCellLength { get; init; } = 32_767;

    /// <summary>
    /// Cells per row: a value in a column past this one (1,024 is column AMJ) is refused. Every data row is kept as
    /// wide as the header, so this also bounds what a row costs in memory.
    /// </summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; init; } = 1_024;

    /// <summary>
    /// Uncompressed size of a workbook part (a sheet, its shared strings, its styles): a part larger than this, as the
    /// zip says before anything is inflated, is refused; what a zip says is all it gives (default 512 MiB).
    /// </summary>
    [Range(1, int.MaxValue)]
    public long MaxPartBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// The text all the kept rows hold, in characters: what reading keeps in memory, which a workbook's shared strings
    /// can make far larger than the file (one long text referenced by every cell). Default 256 Mi characters (512 MiB).
    /// </summary>
    [Range(1, 0x7FFF_FFC7)]
    public long MaxTextLength { get; init; } = 256L * 1024 * 1024;

    /// <summary>How many non-blank rows at the top may come before the header row (titles, notes).</summary>
    [Range(1, 1000)]
    public int HeaderSearchRows { get; init; } = 10;
}
