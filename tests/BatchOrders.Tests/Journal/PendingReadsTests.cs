using BatchOrders.Journal;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Journal;

public sealed class PendingReadsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_are_written_once_the_oldest_has_waited_a_second_and_the_rest_when_flushed()
    {
        using var journal = Open();
        var pending = new PendingReads(journal, _time);

        pending.Add(Read(0));
        pending.Add(Read(1));
        _time.Advance(PendingReads.MaxWait - TimeSpan.FromMilliseconds(1));
        pending.Add(Read(2));
        var keptBeforeTheSecond = Kept(journal, 3);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        pending.Add(Read(3));
        var keptAtTheSecond = Kept(journal, 4);
        pending.Add(Read(4));
        var keptAfter = Kept(journal, 5);
        pending.Flush();

        Assert.Equal(0, keptBeforeTheSecond);
        Assert.Equal(4, keptAtTheSecond);
        Assert.Equal(4, keptAfter);
        Assert.Equal(5, Kept(journal, 5));
        Assert.Equal(0, pending.Count);
        Assert.Equal("[\"order-4\"]", journal.GetRead(Key(4), Start));
    }

    [Fact]
    public void A_full_batch_is_written_at_once_however_little_time_has_passed()
    {
        using var journal = Open();
        var pending = new PendingReads(journal, _time);

        foreach (var index in Enumerable.Range(0, PendingReads.BatchSize - 1))
        {
            pending.Add(Read(index));
        }

        var keptBeforeTheBatchIsFull = Kept(journal, PendingReads.BatchSize);
        pending.Add(Read(PendingReads.BatchSize - 1));

        Assert.Equal(0, keptBeforeTheBatchIsFull);
        Assert.Equal(PendingReads.BatchSize, Kept(journal, PendingReads.BatchSize));
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public void A_key_read_again_keeps_its_last_read_and_a_flush_with_nothing_waiting_writes_nothing()
    {
        using var journal = Open();
        var pending = new PendingReads(journal, _time);
        pending.Flush();

        pending.Add(Read(0));
        pending.Flush();
        _time.Advance(TimeSpan.FromMinutes(5));
        pending.Add(new KeptRead(Key(0), "[\"again\"]", _time.GetUtcNow()));
        pending.Flush();

        Assert.Equal("[\"again\"]", journal.GetRead(Key(0), Start));
        Assert.Null(journal.GetRead(Key(0), _time.GetUtcNow() + TimeSpan.FromSeconds(1)));
    }

    private KeptRead Read(int index) => new(Key(index), $"[\"order-{index}\"]", _time.GetUtcNow());

    private static string Key(int index) => $"v1/customers/00000000-0000-4000-8000-{index:D12}/orders";

    // How many of the first `count` keys have a read kept in the journal.
    private static int Kept(BatchJournal journal, int count) =>
        Enumerable.Range(0, count).Count(i => journal.GetRead(Key(i), Start) is not null);

    private BatchJournal Open()
    {
        var (journal, problem) = BatchJournal.Open(_folder.File("orders.csv.journal.db"), _time);
        Assert.Null(problem);
        return journal!;
    }
}
