using BatchOrders.Journal;
using BatchOrders.Results;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Results;

public sealed class ResumeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("sandbox", "")]
    [InlineData("live", " --target live")]
    [InlineData("http://127.0.0.1:5099/", " --target http://127.0.0.1:5099/")]
    public void The_resume_command_names_the_target_a_journal_will_accept(string target, string expectedTarget)
    {
        var input = _folder.File("orders.csv");
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(input));
        Assert.Null(problem);
        using (journal)
        {
            Assert.Null(journal!.Bind(input, "sha", null, ["CustomerId"], Target.FromName(target)));

            var command = ResumeCommand.For(journal.GetBatch()!, journal.Path).ToString();

            Assert.Equal($"batchorders submit {input}{expectedTarget}", command);
        }
    }
}
