using System.ComponentModel.DataAnnotations;
using BatchOrders.Submission;

namespace BatchOrders.Web;

/// <summary>How <c>batchorders serve</c> runs: where batches live, the port, the upload limit, and how batches are sent.</summary>
public sealed record ServeOptions
{
    /// <summary>The default upload limit: 100 MiB, far above a spreadsheet of Excel's million rows of orders in .xlsx.</summary>
    public const long DefaultMaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>The working folder: one folder per batch, each with its file, journal and results.</summary>
    [Required]
    public required string Folder { get; init; }

    /// <summary>The port on 127.0.0.1; 0 for a free one chosen at start.</summary>
    [Range(0, 65535)]
    public int Port { get; init; }

    /// <summary>The largest file an upload may carry; a larger one is refused with 413 and a message.</summary>
    [Range(1, 512L * 1024 * 1024)]
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>How batches are sent (as <c>submit</c>'s defaults).</summary>
    public SubmissionOptions Submission { get; init; } = new();

    /// <summary>The clock of the runs and of the page.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
