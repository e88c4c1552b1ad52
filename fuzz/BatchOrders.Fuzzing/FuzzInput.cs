namespace BatchOrders.Fuzzing;

/// <summary>One input of a campaign: the file's bytes, the extension it is saved with, and how it was made.</summary>
/// <param name="Extension">The file's extension, with its dot (".csv", ".xlsx" …): mismatched on purpose sometimes.</param>
/// <param name="Bytes">The file.</param>
/// <param name="Recipe">The seed and the mutations applied, in order, for the report and the reproducer.</param>
internal sealed record FuzzInput(string Extension, byte[] Bytes, string Recipe)
{
    /// <summary>The kind of file the bytes are, by the seed's extension (the saved one may differ).</summary>
    public required FileKind Kind { get; init; }

    public FuzzInput With(byte[] bytes, string step) => this with { Bytes = bytes, Recipe = $"{Recipe} > {step}" };
}
