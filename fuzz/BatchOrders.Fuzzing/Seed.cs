namespace BatchOrders.Fuzzing;

/// <summary>A seed file: its path from the repository's root, its kind and its bytes.</summary>
internal sealed record Seed(string Name, FileKind Kind, byte[] Bytes)
{
    /// <summary>Whether the seed is an order sheet (sample data, templates, the fuzzer's own seeds and reproducers).</summary>
    public bool OrderShaped { get; init; } = true;

    public FuzzInput ToInput() => new(Path.GetExtension(Name).ToLowerInvariant(), Bytes, Name) { Kind = Kind };
}
