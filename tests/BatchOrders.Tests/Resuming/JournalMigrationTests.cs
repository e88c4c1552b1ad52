using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Resuming;

/// <summary>Journals written before content-based order keys (journal version 2), resumed by this version: nothing is sent again.</summary>
public sealed class JournalMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_finished_version_2_journal_resumed_after_its_rows_were_sorted_sends_nothing_and_all_succeed()
    {
        var path = CopyFixture("finished");
        var ledgerBefore = (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count;
        Reverse(path);

        var (exit, output) = await CliRunner.RunAsync("submit", path, "--json");

        using var summary = JsonDocument.Parse(output);
        Assert.Equal(0, exit);
        Assert.Equal(8, summary.RootElement.GetProperty("orders").GetProperty("succeeded").GetInt32());
        Assert.Equal(27, summary.RootElement.GetProperty("rows").GetProperty("succeeded").GetInt32());
        Assert.Equal(ledgerBefore, (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count);
    }

    [Fact]
    public async Task The_conflicts_a_sort_caused_under_version_2_are_gone_after_the_migration_and_nothing_is_sent()
    {
        var path = CopyFixture("sorted-after-success");
        var ledgerBefore = (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count;

        var (exit, output) = await CliRunner.RunAsync("submit", path, "--json");

        using var summary = JsonDocument.Parse(output);
        Assert.Equal(0, exit);
        Assert.Equal(8, summary.RootElement.GetProperty("orders").GetProperty("succeeded").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("orders").GetProperty("conflict").GetInt32());
        Assert.Equal(8, ledgerBefore);
        Assert.Equal(ledgerBefore, (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count);
        var (journal, _) = BatchJournal.Open(path + ".journal.db");
        using (journal)
        {
            // The eight versions the sort created under the old keys were never sent: superseded by the originals.
            Assert.Equal(8, journal!.GetOrders(OrderState.Superseded).Count);
            Assert.All(journal.GetOrders(OrderState.Succeeded), o => Assert.All(o.LineItems, l => Assert.True(l.IsBought)));
        }
    }

    private string CopyFixture(string name)
    {
        foreach (var file in Directory.GetFiles(RepositoryFiles.Get("tests", "BatchOrders.Tests", "TestData", "journal-v2", name)))
        {
            File.Copy(file, _folder.File(Path.GetFileName(file)));
        }

        return _folder.File("finance-upload.csv");
    }

    /// <summary>Reverses the data rows, as a sort by any column does to the rows of one customer.</summary>
    private static void Reverse(string path)
    {
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], .. lines[1..].Where(l => l.Length > 0).Reverse()]);
    }
}
