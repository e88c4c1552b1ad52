using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace BatchOrders.Reading;

/// <summary>
/// Checks data rows in batches on worker threads while the calling thread goes on reading the file, then gives
/// the valid rows and the errors in row order, exactly as checking them one by one would. A batch copies its rows'
/// text into one buffer, which its valid rows keep (<see cref="RowBlock"/>, joined into a <see cref="RowStore"/>):
/// no object per row survives reading. Each worker has its own <see cref="OrderRowParser"/> (its caches are not
/// shared), and each batch its own error list, so the errors of a row stay together and batches are joined in input
/// order. A file of one batch or less is checked on the calling thread and starts no worker.
/// </summary>
internal sealed class BatchedRowParser : IDisposable
{
    private const int BatchSize = 4096;

    // The first batch's text buffer is a guess from the width (16 chars a cell), capped: a header thousands of
    // columns wide must not ask for gigabytes before one row is read. Later batches are sized by the one before.
    private const int MaxFirstBatchChars = 4 * 1024 * 1024;

    // A batch of long rows (a long text repeated in every cell) closes before its 4,096 rows once it holds this
    // much: its buffer's last doubling, the moment old and new buffers are both alive, costs at most this twice over.
    private const int MaxBatchChars = 8 * 1024 * 1024;

    private readonly Func<OrderRowParser> _createParser;
    private readonly int _width;
    private readonly long _maxText;
    private readonly List<Batch> _batches = [];
    private readonly BlockingCollection<Batch> _pending = new(new ConcurrentQueue<Batch>());
    private readonly List<Task> _workers = [];
    private Batch _current;
    private long _textBefore;
    private volatile bool _abandoned;

    /// <summary>
    /// Checks rows of <paramref name="width"/> cells (the header's) with the parsers <paramref name="createParser"/>
    /// makes, keeping at most <paramref name="maxText"/> chars of their text.
    /// </summary>
    public BatchedRowParser(Func<OrderRowParser> createParser, int width, long maxText)
    {
        _createParser = createParser;
        _width = width;
        _maxText = maxText;
        _current = new Batch((int)Math.Min(Math.Min(MaxFirstBatchChars, maxText), BatchSize * 16L * Math.Max(1, width)));
    }

    /// <summary>
    /// Queues a row (its text is copied); a full batch goes to the workers, which start with the first full batch.
    /// False, with nothing copied, when the row's text would take the rows past the text budget.
    /// </summary>
    public bool Add(SheetRow row)
    {
        var length = Batch.LengthOf(row, _width);
        if (_textBefore + _current.TextLength + length > _maxText)
        {
            return false;
        }

        if (_current.Count > 0 && _current.TextLength + length > MaxBatchChars)
        {
            // The batch is full by its text, not its rows: the row starts the next one.
            Queue();
        }

        _current.Add(row, _width, length, MaxBatchChars);
        if (_current.Count == BatchSize)
        {
            Queue();
        }

        return true;
    }

    /// <summary>Sends the batch being filled to the workers (starting them with the first) and starts the next.</summary>
    private void Queue()
    {
        if (_workers.Count == 0)
        {
            // The calling thread reads the file meanwhile and helps once it is done; more workers than cores
            // would only take turns.
            var count = Math.Max(1, Environment.ProcessorCount - 1);
            for (var i = 0; i < count; i++)
            {
                _workers.Add(Task.Factory.StartNew(ParseQueued, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }

        _batches.Add(_current);
        _pending.Add(_current);
        _textBefore += _current.TextLength;

        // The next batch's text buffer is sized by this one's, so the buffers the stored rows keep waste little.
        _current = new Batch((int)Math.Min(Math.Min(MaxBatchChars, _maxText - _textBefore), _current.TextLength + (_current.TextLength / 8L)));
    }

    /// <summary>Checks what is left (on this thread too), waits for the workers and joins the batches in order.</summary>
    public (RowStore Rows, List<RowError> Errors) Complete(string? sheet)
    {
        if (_current.Count > 0)
        {
            _batches.Add(_current);
            _pending.Add(_current);
        }

        _pending.CompleteAdding();
        ParseQueued();
        WaitForWorkers();

        var errors = new List<RowError>();
        foreach (var batch in _batches)
        {
            errors.AddRange(batch.Errors);
        }

        return (RowStore.Join(sheet, [.. _batches.Select(b => b.Valid!)]), errors);
    }

    /// <summary>Stops the workers when reading ended early (an unusable file, cancellation): nothing is joined.</summary>
    public void Dispose()
    {
        if (_pending.IsAddingCompleted)
        {
            _pending.Dispose();
            return;
        }

        _abandoned = true;
        _pending.CompleteAdding();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // Reading already failed with its own exception, which is the one to report.
        }

        _pending.Dispose();
    }

    private void ParseQueued()
    {
        var parser = _createParser();
        foreach (var batch in _pending.GetConsumingEnumerable())
        {
            if (_abandoned)
            {
                continue;
            }

            parser.Errors = batch.Errors;
            batch.Valid = new RowBlock(batch.Text, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                parser.Parse(batch.Text, batch.Starts[i], batch.Numbers[i], batch.Issues[i], batch.Valid);
            }

            batch.Release();
        }
    }

    private void WaitForWorkers()
    {
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// A batch of rows: their cells' text in one buffer (each row <c>width</c> length-prefixed cells,
    /// <see cref="RowBlock"/>'s layout, so the valid rows keep the buffer as it is), and per row its number, where
    /// it starts and the issues of its cells.
    /// </summary>
    private sealed class Batch(int textCapacity)
    {
        private int[]? _starts = new int[BatchSize];
        private int[]? _numbers = new int[BatchSize];
        private IReadOnlyList<CellIssue>?[]? _issues = new IReadOnlyList<CellIssue>?[BatchSize];

        public char[] Text { get; private set; } = GC.AllocateUninitializedArray<char>(textCapacity);

        public int TextLength { get; private set; }

        public ReadOnlySpan<int> Starts => _starts;

        public ReadOnlySpan<int> Numbers => _numbers;

        public ReadOnlySpan<IReadOnlyList<CellIssue>?> Issues => _issues;

        public List<RowError> Errors { get; } = [];

        public int Count { get; private set; }

        /// <summary>The batch's valid rows, once checked.</summary>
        public RowBlock? Valid { get; set; }

        /// <summary>The chars a row takes in a batch: its first <paramref name="width"/> cells' segments, an empty one for each it lacks.</summary>
        public static long LengthOf(SheetRow row, int width)
        {
            var kept = Math.Min(width, row.CellCount);
            if (row.Buffer is { } buffer)
            {
                return buffer.Segments(kept).Length + (width - kept);
            }

            long length = width - kept;
            for (var i = 0; i < kept; i++)
            {
                length += RowBlock.SegmentLength(row.Cell(i).Length);
            }

            return length;
        }

        /// <summary>
        /// Copies a row of <paramref name="length"/> chars in (<see cref="LengthOf"/>): its first <paramref name="width"/>
        /// cells, empty ones for those it lacks. The buffer doubles as it fills, up to <paramref name="cap"/> chars, or
        /// the row's own length when that is more.
        /// </summary>
        public void Add(SheetRow row, int width, long length, int cap)
        {
            // A buffered row's cells are segments already: one copy, then an empty segment per missing cell.
            var kept = Math.Min(width, row.CellCount);
            var segments = row.Buffer is { } buffer ? buffer.Segments(kept) : [];
            var needed = TextLength + length;
            if (needed > Text.Length)
            {
                // The text budget keeps every batch below an array's largest size (ReadOptions).
                var larger = GC.AllocateUninitializedArray<char>((int)Math.Max(needed, Math.Min(cap, Text.Length * 2L)));
                Text.AsSpan(0, TextLength).CopyTo(larger);
                Text = larger;
            }

            _starts![Count] = TextLength;
            _numbers![Count] = row.Number;
            _issues![Count] = row.CellIssues;
            Count++;
            var at = TextLength;
            if (row.Buffer is null)
            {
                for (var i = 0; i < kept; i++)
                {
                    RowBlock.Write(Text, ref at, row.Cell(i));
                }
            }
            else
            {
                segments.CopyTo(Text.AsSpan(at));
                at += segments.Length;
            }

            Text.AsSpan(at, width - kept).Clear();
            TextLength = at + (width - kept);
        }

        /// <summary>Lets go of what only checking needed; the text stays with the valid rows.</summary>
        public void Release()
        {
            _starts = null;
            _numbers = null;
            _issues = null;
        }
    }
}
