using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Benchmarks;

/// <summary>Builds the journal of a batch in which every order succeeded, through the journal's own API.</summary>
internal static class FinishedJournalBuilder
{
    public static void Build(string csv, string path)
    {
        var read = SpreadsheetReader.Read(csv);
        var plan = OrderPlanner.Plan(csv, read.Rows);
        // The cache writes to a temporary name that is renamed: the journal must be one file when it is, so no WAL left.
        var (journal, problem) = BatchJournal.Open(path);
        using (journal ?? throw new InvalidOperationException(problem))
        {
            var sha = BatchJournal.HashFile(csv);
            if (journal.Bind(csv, sha, read.Sheet, read.Headers, BatchJournal.SandboxTarget) is { } bindProblem)
            {
                throw new InvalidOperationException(bindProblem);
            }

            journal.Synchronize(read, plan, sha, retryFailed: false);
            var number = 0;
            foreach (var order in journal.GetWork())
            {
                number++;
                var subscriptions = order.LineItems.ToDictionary(l => l.LineItemNumber, l => new Guid(number, (short)l.LineItemNumber, 0x5b, 0, 0, 0, 0, 0, 0, 0, 1).ToString("D"));
                journal.MarkSucceeded(order.OrderKey, "Bo_" + number.ToString("D27", CultureInfo.InvariantCulture), 201, subscriptions);
            }

            var runId = journal.StartRun(sha, BatchJournal.SandboxTarget);
            journal.EndRun(runId, 0);
        }
    }
}
