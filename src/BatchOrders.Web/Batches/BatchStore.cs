using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BatchOrders.Web.Batches;

/// <summary>
/// The working folder (<c>serve --folder</c>): one folder per batch, named by an id the server makes. Uploads are
/// stored under names the server chooses (<c>orders.csv</c>, <c>orders-2.xlsx</c>, …); the name the browser sent is
/// kept for display only, and no path from the browser ever reaches the file system.
/// </summary>
public sealed partial class BatchStore
{
    /// <summary>The kinds of file the reader takes, by extension.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".xlsx", ".xlsm", ".xlsb", ".xls"];

    private readonly TimeProvider _time;
    private readonly Lock _creating = new();

    /// <summary>The working folder at <paramref name="folder"/> (made at the first upload).</summary>
    public BatchStore(string folder, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Folder = Path.GetFullPath(folder);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The working folder, as a full path.</summary>
    public string Folder { get; }

    /// <summary>The file's own name as a person would read it: the last part of whatever path the browser sent, without control characters, at most 120 characters.</summary>
    public static string DisplayName(string? sent)
    {
        var name = (sent ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > 120)
        {
            name = name[..120];
        }

        return name.Length == 0 || name is "." or ".." ? "upload" : name;
    }

    /// <summary>The extension the reader knows for a sent name (lower case), or null when it is none of <see cref="Extensions"/>.</summary>
    public static string? ExtensionOf(string? sent)
    {
        var extension = Path.GetExtension(DisplayName(sent)).ToLowerInvariant();
        return Extensions.Contains(extension) ? extension : null;
    }

    /// <summary>Makes a batch of an upload: a new folder, the file stored as <c>orders&lt;ext&gt;</c>.</summary>
    public async Task<BatchFolder> CreateAsync(string sentName, Stream content, string? sheet, string? fixesOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = ExtensionOf(sentName) ?? throw new ArgumentException("Check the extension with ExtensionOf first.", nameof(sentName));
        string id, path;
        lock (_creating)
        {
            Directory.CreateDirectory(Folder);
            do
            {
                id = NewId();
                path = Path.Combine(Folder, id);
            }
            while (Directory.Exists(path));
            Directory.CreateDirectory(path);
        }

        var inputFile = "orders" + extension;
        await WriteAsync(Path.Combine(path, inputFile), content, cancellationToken);
        var now = _time.GetUtcNow();
        var record = new BatchRecord(DisplayName(sentName), inputFile, string.IsNullOrWhiteSpace(sheet) ? null : sheet.Trim(), now, [new BatchUpload(DisplayName(sentName), now, UploadKind.First, 0)], fixesOf);
        var batch = new BatchFolder(id, path, record);
        batch.Save(record);
        return batch;
    }

    /// <summary>Stores another file in a batch under the next free name (<c>orders-2.csv</c>, …) and returns that name.</summary>
    public static async Task<string> StoreAsync(BatchFolder batch, string extension, Stream content, CancellationToken cancellationToken)
    {
        var name = NextName(batch, extension);
        await WriteAsync(Path.Combine(batch.Path, name), content, cancellationToken);
        return name;
    }

    /// <summary>The next free name for a file of the batch: <c>orders-2.csv</c>, <c>orders-3.csv</c>, …</summary>
    public static string NextName(BatchFolder batch, string extension)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var n = 2; ; n++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"orders-{n}{extension}");
            if (!File.Exists(Path.Combine(batch.Path, name)))
            {
                return name;
            }
        }
    }

    /// <summary>The batch with this id, or null when the id is not one the server made or no such batch exists.</summary>
    public BatchFolder? Find(string? id)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            return null;
        }

        var path = Path.Combine(Folder, id);
        var recordPath = BatchFolder.RecordPath(path);
        if (!File.Exists(recordPath))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<BatchRecord>(File.ReadAllText(recordPath), BatchFolder.Json);
            return record is null ? null : new BatchFolder(id, path, record);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The batches of the working folder, newest first.</summary>
    public IReadOnlyList<BatchFolder> List(int limit = 100)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(Folder)
            .Select(Path.GetFileName)
            .Where(name => name is not null && IdPattern().IsMatch(name))
            .OrderDescending(StringComparer.Ordinal)
            .Select(Find)
            .OfType<BatchFolder>()
            .Take(limit)];
    }

    private static async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await content.CopyToAsync(file, cancellationToken);
    }

    /// <summary>Sortable by time, unguessable enough to never collide: <c>20260301-093000-k3f9q2</c>.</summary>
    private string NewId()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<char> tail = stackalloc char[6];
        for (var i = 0; i < tail.Length; i++)
        {
            tail[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        }

        return _time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + tail.ToString();
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[a-z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
