using BatchOrders.Fuzzing.Mutators;

namespace BatchOrders.Fuzzing;

/// <summary>
/// Makes input <c>index</c> of a campaign, the same bytes on every run for the same seed: a seed file changed by one to
/// four mutations that understand its format (CSV text, workbook parts and XML, .xlsb records) or none (bytes), or now
/// and then one of the <see cref="HugeInputs"/>; sometimes saved with another format's extension.
/// </summary>
internal sealed class InputGenerator(SeedCorpus seeds, long campaignSeed)
{
    private static readonly string[] Extensions = [".csv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".txt", ".tsv"];

    public FuzzInput Generate(int index)
    {
        var random = new Random(Mix(campaignSeed, index));
        if (random.Next(100) < 2)
        {
            var (name, _, make) = HugeInputs.All[random.Next(HugeInputs.All.Count)];
            var huge = make(seeds, random);
            return huge with { Recipe = $"{huge.Recipe} > huge:{name}" };
        }

        var input = seeds.Pick(random).ToInput();
        var steps = random.Next(10) switch { < 5 => 1, < 8 => 2, 8 => 3, _ => 4 };
        for (var step = 0; step < steps; step++)
        {
            input = Mutate(input, random);
        }

        if (random.Next(50) == 0)
        {
            input = input with { Extension = Extensions[random.Next(Extensions.Length)], Recipe = $"{input.Recipe} > extension" };
        }

        return input;
    }

    private static FuzzInput Mutate(FuzzInput input, Random random)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var family = Family(input.Kind, random);
            var mutation = family[random.Next(family.Count)];
            if (mutation.Apply(input.Bytes, random) is { } bytes)
            {
                return input.With(bytes, mutation.Name);
            }
        }

        return input;
    }

    private static IReadOnlyList<Mutation> Family(FileKind kind, Random random)
    {
        var roll = random.Next(100);
        return kind switch
        {
            FileKind.Csv => roll < 75 ? CsvMutations.All : ByteMutations.All,
            FileKind.Xlsx => roll < 80 ? PackageMutations.Package : ByteMutations.All,
            FileKind.Xlsb => roll < 50 ? XlsbMutations.All : roll < 80 ? PackageMutations.Package : ByteMutations.All,
            _ => ByteMutations.All,
        };
    }

    // SplitMix64 over the campaign's seed and the index: independent, well-spread seeds for each input.
    private static int Mix(long seed, int index)
    {
        var z = unchecked((ulong)seed + ((ulong)index * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFF_FFFF);
    }
}
