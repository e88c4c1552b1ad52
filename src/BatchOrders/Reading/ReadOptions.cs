using System.ComponentModel.DataAnnotations;

namespace BatchOrders.Reading;

/// <summary>How an input file is read, with the limits that keep a bad file from exhausting the machine.</summary>
public sealed record ReadOptions
{
    /// <summary>The sheet of a workbook to read; null for the first one.</summary>
    public string? Sheet { get; init; }

    /// <summary>Excel's own row limit: a spreadsheet cannot hold more, so a larger file is not a spreadsheet export.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; init; } = 1_048_576;

    /// <summary>Files larger than this are refused before reading (default 512 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Excel's limit on the text of one cell.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCellLength { get; init; } = 32_767;

    /// <summary>How many non-blank rows at the top may come before the header row (titles, notes).</summary>
    [Range(1, 1000)]
    public int HeaderSearchRows { get; init; } = 10;
}
