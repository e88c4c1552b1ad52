namespace BatchOrders.Fuzzing;

/// <summary>
/// The files mutations start from: the sample data, the templates, the readers' test corpus (real-world workbooks of
/// every format), the fuzzer's own order-shaped seeds and every reproducer found so far, then the files of any other
/// folder a campaign names (<c>--seeds</c>, taken as real-world workbooks). Loaded once, in a fixed order, so an
/// input's index picks the same seed on every machine.
/// </summary>
internal sealed class SeedCorpus
{
    private static readonly string[] Folders =
    [
        "sample-data",
        "templates",
        Path.Combine("tests", "BatchOrders.Tests", "Reading", "Corpus"),
        Path.Combine("tests", "BatchOrders.Tests", "Fuzzing", "Seeds"),
        Path.Combine("tests", "BatchOrders.Tests", "Fuzzing", "Reproducers"),
    ];

    // A reproducer is a seed while it is cheap to read: the huge ones would cost every mutation of them seconds.
    private const long MaxReproducerSeedBytes = 64 * 1024;

    private SeedCorpus(IReadOnlyList<Seed> seeds) => Seeds = seeds;

    public IReadOnlyList<Seed> Seeds { get; }

    public static SeedCorpus Load(string repositoryRoot, IReadOnlyList<string>? otherFolders = null)
    {
        var seeds = new List<Seed>();
        foreach (var folder in Folders)
        {
            var path = Path.Combine(repositoryRoot, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal))
            {
                if (folder.EndsWith("Reproducers", StringComparison.Ordinal) && new FileInfo(file).Length > MaxReproducerSeedBytes)
                {
                    continue;
                }

                if (KindOf(file) is { } kind)
                {
                    // The readers' corpus shows how producers write workbooks, but few of its sheets have order columns.
                    var orderShaped = !folder.EndsWith("Corpus", StringComparison.Ordinal);
                    seeds.Add(new Seed(Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/'), kind, File.ReadAllBytes(file)) { OrderShaped = orderShaped });
                }
            }
        }

        foreach (var folder in otherFolders ?? [])
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                if (KindOf(file) is { } kind)
                {
                    seeds.Add(new Seed(Path.GetFullPath(file), kind, File.ReadAllBytes(file)) { OrderShaped = false });
                }
            }
        }

        return seeds.Count == 0 ? throw new InvalidOperationException($"No seed files under {repositoryRoot}.") : new SeedCorpus(seeds);
    }

    /// <summary>A seed, of <paramref name="kind"/> when given; three times in four one with order columns, so mutations reach the rows.</summary>
    public Seed Pick(Random random, FileKind? kind = null)
    {
        var orderShaped = random.Next(4) != 0;
        var candidates = Seeds.Where(s => (kind is null || s.Kind == kind) && s.OrderShaped == orderShaped).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. Seeds.Where(s => kind is null || s.Kind == kind)];
        }

        return candidates.Count == 0 ? Seeds[random.Next(Seeds.Count)] : candidates[random.Next(candidates.Count)];
    }

    private static FileKind? KindOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" or ".txt" => FileKind.Csv,
        ".xlsx" or ".xlsm" => FileKind.Xlsx,
        ".xlsb" => FileKind.Xlsb,
        ".xls" => FileKind.Xls,
        _ => null,
    };
}
