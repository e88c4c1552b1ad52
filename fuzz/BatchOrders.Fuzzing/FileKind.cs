namespace BatchOrders.Fuzzing;

/// <summary>What a seed is, which decides the mutations that understand its structure.</summary>
internal enum FileKind
{
    Csv,
    Xlsx,
    Xlsb,
    Xls,
}
