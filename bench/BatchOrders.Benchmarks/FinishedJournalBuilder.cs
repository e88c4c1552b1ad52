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
        using (journal ?? throw new InvalidOperationException(problem?.Message))
        {
            var sha = InputHash.Compute(csv);
            if (journal.Bind(csv, sha, read.Sheet, read.Headers, Target.Sandbox) is { } bindProblem)
            {
                throw new InvalidOperationException(bindProblem.Message);
            }

            journal.Synchronize(read, plan, sha, retryFailed: false);
            var number = 0;
            foreach (var order in journal.GetWork())
            {
                number++;
                var subscriptions = order.LineItems.ToDictionary(l => l.LineItemNumber, l => new Guid(number, (short)l.LineItemNumber, 0x5b, 0, 0, 0, 0, 0, 0, 0, 1).ToString("D"));
                journal.Apply(order.OrderKey, new OrderChange.Send());
                journal.Apply(order.OrderKey, new OrderChange.Succeed("Bo_" + number.ToString("D27", CultureInfo.InvariantCulture), 201, subscriptions));
            }

            var runId = journal.StartRun(sha, Target.Sandbox);
            journal.EndRun(runId, 0);
        }
    }
}
