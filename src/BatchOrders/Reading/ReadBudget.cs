namespace BatchOrders.Reading;

/// <summary>Which of <see cref="ReadOptions"/>' budgets a file went over, so a host can name the setting that raises it.</summary>
public enum ReadBudget
{
    /// <summary><see cref="ReadOptions.MaxFileBytes"/>: the size of the file.</summary>
    FileSize,

    /// <summary><see cref="ReadOptions.MaxPartBytes"/>: the uncompressed size of a workbook part.</summary>
    PartSize,

    /// <summary><see cref="ReadOptions.MaxColumns"/>: cells per row.</summary>
    Columns,

    /// <summary><see cref="ReadOptions.MaxRows"/>: rows per file.</summary>
    Rows,

    /// <summary><see cref="ReadOptions.MaxCellLength"/>: the length of a cell, where reading it would cost far more than the cell could hold.</summary>
    CellLength,

    /// <summary><see cref="ReadOptions.MaxTextLength"/>: the text of all the rows kept.</summary>
    Text,
}
