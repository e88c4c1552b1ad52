using System.Text;
using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Pages;
using BatchOrders.Web.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace BatchOrders.Web.Endpoints;

/// <summary>
/// Downloads — always by batch id, never by a path from the browser —, the templates, the page's own script and
/// style, and the progress events (server-sent events).
/// </summary>
internal static class FileEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Csv = "text/csv; charset=utf-8";
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/template.xlsx", () => Template(InputTemplate.WriteXlsx, Xlsx, "orders-template.xlsx"));
        app.MapGet("/template.csv", () => Template(InputTemplate.WriteCsv, Csv, "orders-template.csv"));

        app.MapGet("/assets/{name}", (string name) => name switch
        {
            "app.css" => Asset(name, "text/css; charset=utf-8"),
            "app.js" => Asset(name, "text/javascript; charset=utf-8"),
            _ => Microsoft.AspNetCore.Http.Results.NotFound(),
        });

        app.MapGet("/batches/{id}/rows-to-fix", (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var written = BatchDesk.WriteRowsToFix(s.Desk.Check(batch, context.RequestAborted), context.RequestAborted);
            return written.Problem is { } problem
                ? ErrorResponse.Result(StatusCodes.Status500InternalServerError, "Not written", problem.Message)
                : Download(written.Path, batch.DownloadName(Suffix(written.Path, ".to-fix")));
        });

        app.MapGet("/batches/{id}/results.xlsx", (string id, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch || !batch.HasJournal)
            {
                return PageServices.NotFound();
            }

            return FromJournal(batch, journal => ResultsWorkbook.Write(journal), batch.DownloadName(".results.xlsx"));
        });

        app.MapGet("/batches/{id}/failed-rows", (string id, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch || !batch.HasJournal)
            {
                return PageServices.NotFound();
            }

            return FromJournal(batch, journal => FailedRowsFile.Write(journal), null);
        });

        app.MapGet("/batches/{id}/events", async (string id, HttpContext context, PageServices s, IHostApplicationLifetime lifetime) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                await PageServices.NotFound().ExecuteAsync(context);
                return;
            }

            await StreamAsync(context, batch, s, lifetime.ApplicationStopping);
        });
    }

    /// <summary>
    /// Sends the batch's figures whenever they change (checked twice a second), a comment every 15 s to keep the
    /// connection, and <c>end</c> once no run is going. A reload or a new tab simply opens a new stream.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, BatchFolder batch, PageServices s, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = cancellation.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(token);
        var time = s.Runs.Time;
        string? last = null;
        var lastWrite = time.GetUtcNow();
        try
        {
            while (true)
            {
                var (figures, _) = PageEndpoints.Progress(batch, s);
                var json = JsonSerializer.Serialize(figures, EventJson);
                if (json != last)
                {
                    await WriteAsync(response, $"event: progress\ndata: {json}\n\n", token);
                    last = json;
                    lastWrite = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - lastWrite > TimeSpan.FromSeconds(15))
                {
                    await WriteAsync(response, ": still here\n\n", token);
                    lastWrite = time.GetUtcNow();
                }

                if (figures.Ended)
                {
                    await WriteAsync(response, "event: end\ndata: {}\n\n", token);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The tab was closed or reloaded, or the page is stopping: the run goes on regardless.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken token)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), token);
        await response.Body.FlushAsync(token);
    }

    /// <summary>A results file written from the journal (as <c>batchorders report</c> does) then sent: always as the journal says now.</summary>
    private static IResult FromJournal(BatchFolder batch, Func<BatchJournal, ResultsFileOutcome> write, string? name)
    {
        var (journal, problem) = BatchJournal.Open(batch.JournalPath);
        if (journal is null)
        {
            return ErrorResponse.Result(StatusCodes.Status500InternalServerError, "Cannot read the journal", PageWords.For(problem!));
        }

        using (journal)
        {
            var written = write(journal);
            if (written.Problem is { } notWritten)
            {
                return ErrorResponse.Result(StatusCodes.Status500InternalServerError, "Not written", notWritten.Message);
            }

            if (written.Rows == 0 && !File.Exists(written.Path))
            {
                return ErrorResponse.Result(StatusCodes.Status404NotFound, "Nothing to fix", "No refused or unsent rows to fix.");
            }

            return Download(written.Path, name ?? batch.DownloadName(Suffix(written.Path, ".failed")));
        }
    }

    private static string Suffix(string path, string what) => what + Path.GetExtension(path);

    private static IResult Download(string path, string name) =>
        Microsoft.AspNetCore.Http.Results.File(File.ReadAllBytes(path), path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? Xlsx : Csv, name);

    private static IResult Template(Action<Stream> write, string contentType, string name)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Microsoft.AspNetCore.Http.Results.File(stream.ToArray(), contentType, name);
    }

    private static IResult Asset(string name, string contentType)
    {
        using var stream = typeof(FileEndpoints).Assembly.GetManifestResourceStream("BatchOrders.Web.Assets." + name)!;
        using var reader = new StreamReader(stream);
        return Microsoft.AspNetCore.Http.Results.Text(reader.ReadToEnd(), contentType);
    }
}
