using BatchOrders.Problems;
using BatchOrders.Results;

namespace BatchOrders.Cli.Output;

/// <summary>The library's problems in the CLI's words: what happened, then what to type about it.</summary>
internal static class ProblemWords
{
    public static string For(BatchProblem problem) => problem switch
    {
        JournalUnusable p => $"{p.Message} If it is not a BatchOrders journal, choose another file with --journal.",
        JournalOfAnotherInput p => $"{p.Message} Run with that file to resume it, or give this file its own journal with --journal PATH.",
        JournalOfAnotherTarget p => $"{p.Message} Give this run its own journal with --journal PATH.",
        JournalInUse p => $"{p.Message} Wait for it to finish (batchorders status {CommandLine.Quote(p.JournalPath)} shows how far it is), or stop it; then run the same command again.",
        _ => problem.Message,
    };
}
