using System.Text.Json;

namespace BatchOrders.Fuzzing;

/// <summary>
/// The child process that reads inputs, one at a time, for a campaign (<see cref="WorkerProcess"/> on the other side):
/// it takes one command per line on standard input — <c>gen FLAGS INDEX</c> (make input INDEX of the campaign's seed)
/// or <c>file FLAGS PATH</c> (FLAGS: r to read twice, c to run the CLI's what-if too, - for neither) — and answers each
/// with one line, <see cref="Marker"/> and a JSON <see cref="FuzzOutcome"/>, its peak memory measured from a cleared peak. Whatever the reader does, the worker
/// answers; if the reader takes the process down, the campaign sees it die.
/// </summary>
internal static class FuzzWorker
{
    /// <summary>What starts an answer line: anything else on the worker's output is not the worker's.</summary>
    public const string Marker = "@@fuzz ";

    public static int Run(string repositoryRoot, IReadOnlyList<string> seedFolders, long seed, string folder)
    {
        Directory.CreateDirectory(folder);
        var generator = new InputGenerator(SeedCorpus.Load(repositoryRoot, seedFolders), seed);
        var output = Console.Out;
        while (Console.In.ReadLine() is { } line)
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3)
            {
                continue;
            }

            var (readTwice, throughCli) = (parts[1].Contains('r', StringComparison.Ordinal), parts[1].Contains('c', StringComparison.Ordinal));
            FuzzOutcome outcome;
            if (parts[0] == "gen")
            {
                var index = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                var input = generator.Generate(index);
                var path = Path.Combine(folder, "input" + input.Extension);
                File.WriteAllBytes(path, input.Bytes);
                outcome = Check(index, input.Recipe, path, readTwice, throughCli);
                File.Delete(path);
            }
            else
            {
                outcome = Check(-1, parts[2], parts[2], readTwice, throughCli);
            }

            output.WriteLine(Marker + JsonSerializer.Serialize(outcome));
            output.Flush();
        }

        return 0;
    }

    private static FuzzOutcome Check(int index, string recipe, string path, bool readTwice, bool throughCli)
    {
        var cleared = true;
        long peak = 0;
        var outcome = InputCheck.Run(index, recipe, path, readTwice, throughCli,
            () =>
            {
                // What an earlier reading left on the heap is collected and given back first, so the peak is this reading's.
                if (GC.GetTotalMemory(forceFullCollection: false) > 64L * 1024 * 1024)
                {
                    System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                }

                cleared &= ProcessMemory.ClearPeak();
            },
            () => peak = Math.Max(peak, ProcessMemory.PeakBytes()));
        return outcome with { PeakBytes = cleared ? peak : 0 };
    }
}
