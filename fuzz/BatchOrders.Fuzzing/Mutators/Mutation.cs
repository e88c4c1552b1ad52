namespace BatchOrders.Fuzzing.Mutators;

/// <summary>One way to change a file: its name (for the recipe) and the change, which gives null when it does not apply.</summary>
internal sealed record Mutation(string Name, Func<byte[], Random, byte[]?> Apply);
