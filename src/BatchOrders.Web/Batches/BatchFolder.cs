using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Results;

namespace BatchOrders.Web.Batches;

/// <summary>
/// One batch of the working folder: <c>&lt;folder&gt;/&lt;id&gt;/</c> holds its record (<c>batch.json</c>), its input under a
/// name the server chose, and beside the input, as the CLI puts them, its journal, results workbook and
/// failed-rows file — so <c>batchorders status</c> and <c>report</c> read the same journal as the page.
/// </summary>
public sealed class BatchFolder
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal BatchFolder(string id, string path, BatchRecord record)
    {
        Id = id;
        Path = path;
        Record = record;
    }

    /// <summary>The batch's id: the only way the browser names a batch or its files.</summary>
    public string Id { get; }

    /// <summary>The batch's folder.</summary>
    public string Path { get; }

    /// <summary>What the page remembers of the batch.</summary>
    public BatchRecord Record { get; private set; }

    /// <summary>The file the batch reads now.</summary>
    public string InputPath => System.IO.Path.Combine(Path, Record.InputFile);

    /// <summary>The journal, beside the input as the CLI names it (it may not exist yet: nothing was sent).</summary>
    public string JournalPath => BatchJournal.DefaultPath(InputPath);

    /// <summary>What the last preflight found in the file the batch reads now (gone with the next upload, which has another name).</summary>
    public string PreflightPath => InputPath + ".preflight.json";

    /// <summary>True once the batch was sent (or began to be): from then on its input never changes.</summary>
    public bool HasJournal => File.Exists(JournalPath);

    /// <summary>The results workbook <c>submit</c> and <c>report</c> write.</summary>
    public string ResultsPath => ResultsWorkbook.DefaultPath(InputPath);

    /// <summary>The name a download of this batch's file gets: the person's own file name, then what it is.</summary>
    public string DownloadName(string suffix) => System.IO.Path.GetFileNameWithoutExtension(Record.Name) + suffix;

    /// <summary>
    /// Removes the journal of a run that sent nothing — the preflight stopped it before its first order — so the
    /// batch is not sent and its rows can still be fixed and uploaded. Only for a journal that run created.
    /// </summary>
    internal void DiscardUnsentJournal()
    {
        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal", ".lock", ".lock.holder"])
        {
            File.Delete(JournalPath + suffix);
        }
    }

    internal static string RecordPath(string folder) => System.IO.Path.Combine(folder, "batch.json");

    /// <summary>Saves a changed record (written whole, then moved into place, so a crash leaves the old one).</summary>
    internal void Save(BatchRecord record)
    {
        var path = RecordPath(Path);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
        Record = record;
    }
}
