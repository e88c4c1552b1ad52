namespace BatchOrders.Reading;

/// <summary>What an input file is, judged by its name and its first bytes together: which reader reads it.</summary>
internal enum InputFileKind
{
    /// <summary>CSV or tab-separated text: <see cref="CsvRowSource"/>.</summary>
    DelimitedText,

    /// <summary>An .xlsx or .xlsm zip package: <see cref="XlsxRowSource"/>.</summary>
    OpenXmlWorkbook,

    /// <summary>An .xlsb zip package of binary parts: <see cref="XlsbRowSource"/>.</summary>
    BinaryWorkbook,

    /// <summary>An OLE compound file: an Excel 97-2003 workbook or an encrypted workbook, <see cref="XlsRowSource"/>.</summary>
    CompoundFile,
}
