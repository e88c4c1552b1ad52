using BatchOrders.Problems;
using BatchOrders.Results;

namespace BatchOrders.Web.Sending;

/// <summary>The library's problems in the page's words: the library's sentence (the CLI's too), then what to do on the page.</summary>
public static class PageWords
{
    /// <summary>The problem and what to do about it on the page.</summary>
    public static string For(BatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem switch
        {
            JournalInUse p => $"{p.Message} Wait for it to finish (batchorders status {CommandLine.Quote(p.JournalPath)} shows how far it is), or stop it; then resume here. Nothing was sent.",
            JournalOfAnotherTarget p => $"{p.Message} Nothing was sent: a batch sent as a rehearsal is never sent for real, nor the other way round. Upload the file as a new batch.",
            _ => $"{problem.Message} Nothing was sent.",
        };
    }
}
