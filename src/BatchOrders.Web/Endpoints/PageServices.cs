using BatchOrders.Journal;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Pages;
using BatchOrders.Web.Sending;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchOrders.Web.Endpoints;

/// <summary>What the endpoints share: the batches, the runs, the options, and how a page or a refusal is answered.</summary>
internal sealed class PageServices(BatchDesk desk, RunCoordinator runs, ITargetConnector targets, ServeOptions options, IAntiforgery antiforgery)
{
    public BatchDesk Desk => desk;

    public BatchStore Store => desk.Store;

    public RunCoordinator Runs => runs;

    public ITargetConnector Targets => targets;

    public ServeOptions Options => options;

    /// <summary>The antiforgery token of this response's forms.</summary>
    public PageInfo Info(HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new PageInfo(tokens.FormFieldName, tokens.RequestToken!);
    }

    public static RazorComponentResult<T> Page<T>(object parameters, int status = StatusCodes.Status200OK)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status };

    public static IResult NotFound() =>
        ErrorResponse.Result(StatusCodes.Status404NotFound, "Not found", "There is no such batch or file here. The batches page lists them all.");

    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>The target a batch's journal is bound to, or null before it was sent.</summary>
    public static Target? JournalTarget(BatchFolder batch)
    {
        if (!batch.HasJournal)
        {
            return null;
        }

        var (journal, _) = BatchJournal.Open(batch.JournalPath);
        using (journal)
        {
            return journal?.GetBatch()?.Target;
        }
    }

    /// <summary>303 See Other: after a POST, the browser GETs the next page (a reload never sends the form twice).</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
