using System.Collections.Concurrent;
using System.Text.Json;
using BatchOrders.Planning;
using BatchOrders.Preflight;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Runs;

namespace BatchOrders.Web.Batches;

/// <summary>
/// The page's one place of glue to the library before anything is sent: a batch's file read, checked and planned
/// (<see cref="BatchInput"/>) into <see cref="Finding"/>s and a plan, the rows to fix written, and fixed files taken
/// into the batch. The preflight, which knows the service's own data, runs when the batch is sent (it needs the
/// target); what it found is kept beside the file (<see cref="KeepPreflight"/>) and listed with the file's own findings.
/// </summary>
public sealed class BatchDesk(BatchStore store, PlanningOptions? planning = null, TimeProvider? time = null)
{
    private readonly PlanningOptions _planning = planning ?? new PlanningOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A page is shown many times for one file: each batch keeps its last check until its file or sheet changes.
    private readonly ConcurrentDictionary<string, (string Stamp, BatchCheck Check)> _checks = new(StringComparer.Ordinal);

    /// <summary>The working folder.</summary>
    public BatchStore Store => store;

    /// <summary>The planning options every batch of the page is planned with (as <c>submit</c>'s defaults).</summary>
    public PlanningOptions Planning => _planning;

    /// <summary>Reads, checks and plans the batch's file (once per version of it).</summary>
    public BatchCheck Check(BatchFolder batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var info = new FileInfo(batch.InputPath);
        var preflight = new FileInfo(batch.PreflightPath);
        var stamp = $"{batch.Record.InputFile}|{batch.Record.Sheet}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{(preflight.Exists ? preflight.LastWriteTimeUtc.Ticks : 0)}";
        if (_checks.TryGetValue(batch.Id, out var cached) && cached.Stamp == stamp)
        {
            return cached.Check;
        }

        var input = BatchInput.Load(batch.InputPath, ReadOptions(batch), _planning, cancellationToken);
        var findings = input.Errors.Select(e => Finding.Of(e)).Concat(PreflightFindings(batch)).ToList();
        var check = new BatchCheck(input, findings, SheetCells.SheetNames(batch.InputPath));
        _checks[batch.Id] = (stamp, check);
        return check;
    }

    /// <summary>Keeps what the preflight found in the batch's file, so the Problems page lists it with the file's own findings.</summary>
    public static void KeepPreflight(BatchFolder batch, PreflightResult result)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(result);
        List<Finding> findings = [.. result.Errors.Select(e => Finding.Of(e)), .. result.Warnings.Select(w => Finding.Of(w, FindingSeverity.Warning))];
        var temporary = batch.PreflightPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(findings, BatchFolder.Json));
        File.Move(temporary, batch.PreflightPath, overwrite: true);
    }

    /// <summary>The input ready to send: read and planned again, so a run never uses an older version of the file.</summary>
    public BatchInput Load(BatchFolder batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return BatchInput.Load(batch.InputPath, ReadOptions(batch), _planning, cancellationToken);
    }

    /// <summary>Writes the rows with errors, with their problems, beside the batch's file.</summary>
    public static ResultsFileOutcome WriteRowsToFix(BatchCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var errors = check.Findings
            .Where(f => f.Severity == FindingSeverity.Error && f.Row is not null)
            .Select(f => new RowError(check.Read.File, check.Read.Sheet, f.Row, f.Column, f.Value, f.Message))
            .ToList();
        return RowsToFixFile.Write(check.Read, errors, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Takes an upload into a batch that has not been sent: fixed rows take the place of the rows with problems (the
    /// other rows are kept), or a whole new version replaces the file. The problem in words, or null.
    /// </summary>
    public async Task<string?> AddUploadAsync(BatchFolder batch, string sentName, Stream content, UploadKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.HasJournal)
        {
            return "This batch has been sent, so its file no longer changes. Send the rows to fix as a new batch: \"Fix and send again\" on its results.";
        }

        var extension = BatchStore.ExtensionOf(sentName);
        if (extension is null)
        {
            return UnreadableName(sentName);
        }

        var stored = await BatchStore.StoreAsync(batch, extension, content, cancellationToken);
        var storedPath = Path.Combine(batch.Path, stored);
        var record = batch.Record;
        if (kind == UploadKind.FixedRows)
        {
            var fixes = SpreadsheetReader.Read(storedPath, new ReadOptions(), cancellationToken);
            if (fixes.Problem is { } problem)
            {
                return $"Cannot use {BatchStore.DisplayName(sentName)}: {problem.Message}";
            }

            var check = Check(batch, cancellationToken);
            var current = check.Read;
            if (current.Problem is not null)
            {
                // Nothing of the old file could be read: the fixed file is the whole batch.
                kind = UploadKind.Replacement;
            }
            else
            {
                var merged = BatchStore.NextName(batch, ".csv");
                var withErrors = check.Findings.Where(f => f.Severity == FindingSeverity.Error && f.Row is not null).Select(f => f.Row!.Value).ToHashSet();
                var (_, fixedRows) = FixedRowsMerge.Write(current, withErrors, fixes, Path.Combine(batch.Path, merged), cancellationToken);
                batch.Save(record with
                {
                    InputFile = merged,
                    Sheet = null,
                    Uploads = [.. record.Uploads, new BatchUpload(BatchStore.DisplayName(sentName), _time.GetUtcNow(), UploadKind.FixedRows, fixedRows)],
                });
                return null;
            }
        }

        batch.Save(record with
        {
            InputFile = stored,
            Sheet = null,
            Uploads = [.. record.Uploads, new BatchUpload(BatchStore.DisplayName(sentName), _time.GetUtcNow(), UploadKind.Replacement, 0)],
        });
        return null;
    }

    /// <summary>Reads another sheet of the batch's workbook from now on. The problem in words, or null.</summary>
    public static string? ChooseSheet(BatchFolder batch, string? sheet)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.HasJournal)
        {
            return "This batch has been sent, so the sheet it reads no longer changes.";
        }

        var sheets = SheetCells.SheetNames(batch.InputPath);
        if (sheet is null || !sheets.Contains(sheet, StringComparer.Ordinal))
        {
            return $"The workbook has no sheet named '{sheet}'. Its sheets are: {string.Join(", ", sheets)}.";
        }

        batch.Save(batch.Record with { Sheet = sheet });
        return null;
    }

    /// <summary>The message for a file whose name says it is not one the reader takes.</summary>
    public static string UnreadableName(string? sentName) =>
        $"BatchOrders reads .csv, .xlsx, .xlsm, .xlsb and .xls files; {BatchStore.DisplayName(sentName)} is not one of them. Save it from Excel as one of those and upload it again.";

    private static List<Finding> PreflightFindings(BatchFolder batch) =>
        File.Exists(batch.PreflightPath) ? JsonSerializer.Deserialize<List<Finding>>(File.ReadAllText(batch.PreflightPath), BatchFolder.Json) ?? [] : [];

    private static ReadOptions ReadOptions(BatchFolder batch) => new() { Sheet = batch.Record.Sheet };
}
