namespace BatchOrders.Web.Batches;

/// <summary>
/// What the page remembers of a batch beside its files (<c>batch.json</c>): the name the person knows it by, the
/// file it reads now, and every upload. The journal, once there is one, holds everything about sending.
/// </summary>
/// <param name="Name">The uploaded file's own name, for display only: files are stored under names the server chooses.</param>
/// <param name="InputFile">The file of the batch folder the batch reads now.</param>
/// <param name="Sheet">The sheet to read; null for the first one (or CSV).</param>
/// <param name="CreatedAt">When the batch was made.</param>
/// <param name="Uploads">Every upload into the batch, oldest first.</param>
/// <param name="FixesOf">The batch whose failed rows this one sends again; null for a new one.</param>
public sealed record BatchRecord(
    string Name,
    string InputFile,
    string? Sheet,
    DateTimeOffset CreatedAt,
    IReadOnlyList<BatchUpload> Uploads,
    string? FixesOf = null);

/// <summary>One upload into a batch: the file's own name, when, and what it did to the batch.</summary>
public sealed record BatchUpload(string Name, DateTimeOffset At, UploadKind Kind, int Rows);

/// <summary>What an upload did to its batch.</summary>
public enum UploadKind
{
    /// <summary>The batch's first file.</summary>
    First,

    /// <summary>Fixed rows that took the place of the rows with problems; the batch's other rows were kept.</summary>
    FixedRows,

    /// <summary>A whole new version of the file, replacing the batch's rows.</summary>
    Replacement,
}
