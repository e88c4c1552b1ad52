using System.Text.Json;

namespace BatchOrders.Fuzzing;

/// <summary>
/// The child process that reads inputs, one at a time, for a campaign (<see cref="WorkerProcess"/> on the other side):
/// it takes one command per line on standard input — <c>read FLAGS INDEX PATH</c> (FLAGS: r to read twice, c to run
/// the CLI's what-if too, - for neither; INDEX the input's place in the campaign, -1 for a file checked as it is) — and
/// answers each with one line, <see cref="Marker"/> and a JSON <see cref="FuzzOutcome"/>, its peak memory measured from
/// a cleared peak. The campaign makes the inputs and writes them: building a huge input takes hundreds of MiB that the
/// collector does not always give back, and the worker's memory must be the reading's alone. Whatever the reader does,
/// the worker answers; if the reader takes the process down, the campaign sees it die.
/// </summary>
internal static class FuzzWorker
{
    /// <summary>What starts an answer line: anything else on the worker's output is not the worker's.</summary>
    public const string Marker = "@@fuzz ";

    public static int Run()
    {
        var output = Console.Out;
        while (Console.In.ReadLine() is { } line)
        {
            var parts = line.Split(' ', 4);
            if (parts.Length < 4 || parts[0] != "read")
            {
                continue;
            }

            var (readTwice, throughCli) = (parts[1].Contains('r', StringComparison.Ordinal), parts[1].Contains('c', StringComparison.Ordinal));
            var index = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var outcome = Check(index, parts[3], parts[3], readTwice, throughCli);
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
                // What an earlier reading left on the heap is collected and given back first, so the peak is this
                // reading's: by the heap's size, and by the resident set, which can keep memory the collector freed.
                if (GC.GetTotalMemory(forceFullCollection: false) > 64L * 1024 * 1024 || ProcessMemory.ResidentBytes() > 256L * 1024 * 1024)
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
