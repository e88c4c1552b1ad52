namespace BatchOrders.Reading;

/// <summary>What an input file is, judged by its name and its first bytes together.</summary>
internal enum InputFileKind
{
    DelimitedText,
    Workbook,
}
