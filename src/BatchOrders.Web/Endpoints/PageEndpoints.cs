using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Pages;
using BatchOrders.Web.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BatchOrders.Web.Endpoints;

/// <summary>The seven steps' pages (GET): each renders from the batch's folder, its journal and the page's runs.</summary>
internal static class PageEndpoints
{
    /// <summary>The columns the results page shows of each row, by header key: who, what, how many.</summary>
    private static readonly string[] KeyColumns = ["customerid", "offerid", "quantity"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (PageServices s) =>
        {
            var batches = s.Store.List(50).Select(b => (b, BatchStatus.Of(b, s.Desk, s.Runs))).ToList();
            return PageServices.Page<BatchesPage>(new { Batches = (IReadOnlyList<(BatchFolder, BatchStatus)>)batches, s.Store.Folder });
        });

        app.MapGet("/new", (HttpContext context, PageServices s) =>
            PageServices.Page<UploadPage>(new { Page = s.Info(context), MaxBytes = s.Options.MaxUploadBytes }));

        app.MapGet("/batches/{id}", (string id, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var next = s.Runs.IsRunning(id) ? "progress"
                : batch.HasJournal ? "results"
                : s.Desk.Check(batch).CanSend ? "plan" : "problems";
            return PageServices.SeeOther($"/batches/{id}/{next}");
        });

        app.MapGet("/batches/{id}/problems", (string id, string? column, string[]? only, string? done, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var check = s.Desk.Check(batch, context.RequestAborted);
            var onlyProblems = only is null || only.Length == 0 || only.Contains("true", StringComparer.Ordinal);
            column = string.IsNullOrEmpty(column) ? null : column;
            return PageServices.Page<ProblemsPage>(new
            {
                Page = s.Info(context),
                Batch = batch,
                Check = check,
                MaxBytes = s.Options.MaxUploadBytes,
                Column = column,
                OnlyProblems = onlyProblems,
                Message = UploadMessage(done, batch, check),
                AllRows = onlyProblems ? [] : AllRows(check, column, context.RequestAborted),
            });
        });

        app.MapGet("/batches/{id}/plan", (string id, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var check = s.Desk.Check(batch);
            if (!check.CanSend)
            {
                return PageServices.SeeOther($"/batches/{id}/problems");
            }

            return PageServices.Page<PlanPage>(new
            {
                Batch = batch,
                Plan = check,
                Rehearsal = s.Targets.Rehearsal,
                s.Targets.LiveConfigured,
                FixedTarget = PageServices.JournalTarget(batch),
                Repeats = s.Runs.Latest(id)?.Repeats ?? [],
            });
        });

        app.MapGet("/batches/{id}/confirm", (string id, string? target, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var check = s.Desk.Check(batch);
            if (!check.CanSend)
            {
                return PageServices.SeeOther($"/batches/{id}/problems");
            }

            var chosen = PageServices.JournalTarget(batch) ?? (target == "live" && s.Targets.LiveConfigured ? Target.Live : s.Targets.Rehearsal);
            return Confirm(context, s, batch, check, chosen, null, StatusCodes.Status200OK);
        });

        app.MapGet("/batches/{id}/progress", (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var (figures, target) = Progress(batch, s);
            return PageServices.Page<ProgressPage>(new
            {
                Page = s.Info(context),
                Batch = batch,
                Figures = figures,
                Target = target,
                Resumable = figures.Ended && figures.Remaining > 0 && batch.HasJournal,
            });
        });

        app.MapGet("/batches/{id}/results", (string id, string? show, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            if (!batch.HasJournal)
            {
                return PageServices.SeeOther($"/batches/{id}");
            }

            var (journal, problem) = BatchJournal.Open(batch.JournalPath);
            if (journal is null)
            {
                return ErrorResponse.Result(StatusCodes.Status500InternalServerError, "Cannot read the journal", PageWords.For(problem!));
            }

            using (journal)
            {
                var summary = BatchSummary.From(journal);
                var rows = ResultRows(journal, summary.Batch.Headers, out var keyHeaders);
                show = show is "failed" or "conflict" or "notsent" ? show : "all";
                return PageServices.Page<ResultsPage>(new
                {
                    Page = s.Info(context),
                    Batch = batch,
                    Summary = summary,
                    KeyHeaders = keyHeaders,
                    Rows = (IReadOnlyList<ResultRow>)[.. rows.Where(r => Shows(show, r))],
                    MaxBytes = s.Options.MaxUploadBytes,
                    Show = show,
                    FailedRows = rows.Count(r => r.State is nameof(OrderState.Failed) or nameof(OrderState.Pending)),
                    Running = s.Runs.IsRunning(id),
                });
            }
        });
    }

    /// <summary>The confirm page, also as the answer to a send that needs another try.</summary>
    public static IResult Confirm(HttpContext context, PageServices s, BatchFolder batch, BatchCheck check, Target target, string? problem, int status)
    {
        var summary = check.Plan!.Summarize();
        return PageServices.Page<ConfirmPage>(new
        {
            Page = s.Info(context),
            Batch = batch,
            Target = target,
            summary.Orders,
            summary.Customers,
            RepeatsFound = s.Runs.Latest(batch.Id)?.Repeats.Count ?? 0,
            Problem = problem,
        }, status);
    }

    /// <summary>The batch's progress now: from the page's run, else from its journal.</summary>
    public static (ProgressFigures Figures, Target? Target) Progress(BatchFolder batch, PageServices s)
    {
        var run = s.Runs.Latest(batch.Id);
        if (run is not null && (!run.HasEnded || run.Result is not null || !batch.HasJournal))
        {
            return (ProgressFigures.Of(run, s.Runs.Time.GetUtcNow()), run.Target);
        }

        if (!batch.HasJournal)
        {
            return (new ProgressFigures { Phase = "Not sent yet", Done = 0, Total = 0, Ended = true, Problem = run?.Problem }, null);
        }

        var (journal, problem) = BatchJournal.Open(batch.JournalPath);
        if (journal is null)
        {
            return (new ProgressFigures { Phase = "Ended", Done = 0, Total = 0, Ended = true, Problem = PageWords.For(problem!) }, null);
        }

        using (journal)
        {
            return (ProgressFigures.Of(journal.CountByState(), run?.Problem), journal.GetBatch()?.Target);
        }
    }

    private static string? UploadMessage(string? done, BatchFolder batch, BatchCheck check) => done switch
    {
        "fixed" => string.Create(CultureInfo.InvariantCulture,
            $"The fixed rows of {LastUpload(batch)} took the place of the rows with problems: the batch now has {check.Read.DataRowCount:N0} rows, checked again below."),
        "replaced" => $"{LastUpload(batch)} replaced the batch's file: checked again below.",
        "sheet" => $"Now reading sheet {check.Read.Sheet}.",
        _ => null,
    };

    private static string? LastUpload(BatchFolder batch) => batch.Record.Uploads.Count == 0 ? null : batch.Record.Uploads[^1].Name;

    private static List<(int, IReadOnlyList<string>, IReadOnlyList<Finding>)> AllRows(BatchCheck check, string? column, CancellationToken cancellationToken)
    {
        var findings = check.Findings.Where(f => f.Row is not null).GroupBy(f => f.Row!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<Finding>)[.. g]);
        var rows = check.Read.Rows.Select(r => (r.Location.Row, r.Cells))
            .Concat(SheetCells.Rows(check.Read, findings.Keys.ToHashSet(), cancellationToken))
            .OrderBy(r => r.Item1)
            .Select(r => (r.Item1, r.Item2, findings.GetValueOrDefault(r.Item1) ?? []))
            .Where(r => column is null || r.Item3.Any(f => f.Column == column))
            .ToList();
        return rows;
    }

    private static bool Shows(string show, ResultRow row) => show switch
    {
        "failed" => row.State == nameof(OrderState.Failed),
        "conflict" => row.State == nameof(OrderState.Conflict),
        "notsent" => row.State is nameof(OrderState.Pending) or RowOutcome.NotPlanned,
        _ => true,
    };

    /// <summary>Every input row's outcome, as the results workbook says it (<see cref="RowOutcome"/>), with its key cells.</summary>
    private static List<ResultRow> ResultRows(BatchJournal journal, IReadOnlyList<string> headers, out IReadOnlyList<string> keyHeaders)
    {
        var keyColumns = KeyColumns.Select(k => headers.ToList().FindIndex(h => Key(h) == k)).Where(i => i >= 0).ToList();
        if (keyColumns.Count == 0)
        {
            keyColumns = [.. Enumerable.Range(0, Math.Min(3, headers.Count))];
        }

        keyHeaders = [.. keyColumns.Select(c => headers[c])];
        var orders = journal.GetOrders().ToDictionary(o => o.OrderKey, StringComparer.Ordinal);
        var rows = new List<ResultRow>();
        foreach (var row in journal.GetRows())
        {
            var cells = keyColumns.Select(c => c < row.Cells.Count ? row.Cells[c] : string.Empty).ToList();
            var outcome = RowOutcome.Of(row, orders);
            rows.Add(new ResultRow(row.Row, cells, outcome.State, outcome.OrderId, outcome.ErrorCode, outcome.ErrorMessage));
        }

        return rows;
    }

    private static string Key(string header) => new([.. header.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);
}
