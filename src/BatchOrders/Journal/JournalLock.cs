using System.Text.Json;
using BatchOrders.Problems;

namespace BatchOrders.Journal;

/// <summary>
/// A run's exclusive hold on its journal: an operating-system lock on <c>&lt;journal&gt;.lock</c>, which the system
/// releases when the holder exits or is killed, so a crashed run never blocks the next. Who holds it (host, process,
/// since when, the command) is written beside it in <c>&lt;journal&gt;.lock.holder</c> for the run that is refused.
/// Readers (status, report) take no lock.
/// </summary>
public sealed class JournalLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _holderPath;

    private JournalLock(FileStream fileLock, string holderPath)
    {
        _lock = fileLock;
        _holderPath = holderPath;
    }

    /// <summary>Takes the journal for this process, or says who holds it.</summary>
    public static ProblemOr<JournalLock> Acquire(string journalPath, string command, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(journalPath);
        var lockPath = journalPath + ".lock";
        var holderPath = lockPath + ".holder";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        FileStream fileLock;
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: both die with the process.
            fileLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return ReadHolder(journalPath, holderPath);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new JournalUnusable(journalPath, $"its lock file {lockPath} cannot be written ({ex.Message.TrimEnd('.')})");
        }

        var holder = new HolderRecord(Environment.MachineName, Environment.ProcessId, (time ?? TimeProvider.System).GetUtcNow(), command);
        File.WriteAllText(holderPath, JsonSerializer.Serialize(holder, BatchJournal.Json));
        return new JournalLock(fileLock, holderPath);
    }

    /// <summary>Releases the journal.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_holderPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale holder file is read only while the lock is held, and rewritten by whoever holds it next: harmless.
        }

        _lock.Dispose();
    }

    private static JournalInUse ReadHolder(string journalPath, string holderPath)
    {
        try
        {
            var holder = JsonSerializer.Deserialize<HolderRecord>(File.ReadAllText(holderPath), BatchJournal.Json);
            return new JournalInUse(journalPath, holder?.Host, holder?.ProcessId, holder?.Since, holder?.Command);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // The holder has only just taken the lock and not yet said who it is.
            return new JournalInUse(journalPath, null, null, null, null);
        }
    }

    private sealed record HolderRecord(string Host, int ProcessId, DateTimeOffset Since, string Command);
}
