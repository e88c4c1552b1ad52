using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace BatchOrders.Reading;

/// <summary>
/// Checks data rows in batches on worker threads while the calling thread goes on reading the file, then gives
/// the valid rows and the errors in row order, exactly as checking them one by one would. Each worker has its own
/// <see cref="OrderRowParser"/> (its caches are not shared), and each batch its own error list, so the errors of
/// a row stay together and batches are joined in input order. A file of one batch or less is checked on the
/// calling thread and starts no worker.
/// </summary>
internal sealed class BatchedRowParser : IDisposable
{
    private const int BatchSize = 4096;

    private readonly Func<OrderRowParser> _createParser;
    private readonly List<Batch> _batches = [];
    private readonly BlockingCollection<Batch> _pending = new(new ConcurrentQueue<Batch>());
    private readonly List<Task> _workers = [];
    private Batch _current = new();
    private volatile bool _abandoned;

    public BatchedRowParser(Func<OrderRowParser> createParser) => _createParser = createParser;

    /// <summary>Queues a row; a full batch goes to the workers, which start with the first full batch.</summary>
    public void Add(SheetRow row)
    {
        _current.Rows[_current.Count++] = row;
        if (_current.Count < BatchSize)
        {
            return;
        }

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
        _current = new Batch();
    }

    /// <summary>Checks what is left (on this thread too), waits for the workers and joins the batches in order.</summary>
    public (List<OrderRow> Rows, List<RowError> Errors) Complete()
    {
        if (_current.Count > 0)
        {
            _batches.Add(_current);
            _pending.Add(_current);
        }

        _pending.CompleteAdding();
        ParseQueued();
        WaitForWorkers();

        var rows = new List<OrderRow>(_batches.Sum(b => b.Count));
        var errors = new List<RowError>();
        foreach (var batch in _batches)
        {
            foreach (var row in batch.Results.AsSpan(0, batch.Count))
            {
                if (row is not null)
                {
                    rows.Add(row);
                }
            }

            errors.AddRange(batch.Errors);
        }

        return (rows, errors);
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
            var rows = batch.Rows;
            for (var i = 0; i < batch.Count; i++)
            {
                batch.Results[i] = parser.Parse(rows[i]);
                rows[i] = default;
            }
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

    private sealed class Batch
    {
        public SheetRow[] Rows { get; } = new SheetRow[BatchSize];

        public OrderRow?[] Results { get; } = new OrderRow?[BatchSize];

        public List<RowError> Errors { get; } = [];

        public int Count { get; set; }
    }
}
