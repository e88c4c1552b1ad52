using System.Globalization;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Pages;
using BatchOrders.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BatchOrders.Web.Endpoints;

/// <summary>
/// The page's forms (POST): upload, fixed file, sheet, send, stop, fix-and-send-again. Every one has passed
/// <see cref="PageGuards"/> (Origin, size, antiforgery) before it gets here, and answers with 303 to the next page.
/// </summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/new", async (HttpContext context, PageServices s) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (UploadProblem(form.Files["file"], s) is { } problem)
            {
                return PageServices.Page<UploadPage>(new { Page = s.Info(context), MaxBytes = s.Options.MaxUploadBytes, Problem = problem.Message }, problem.Status);
            }

            var file = form.Files["file"]!;
            await using var content = file.OpenReadStream();
            var batch = await s.Store.CreateAsync(file.FileName, content, form["sheet"].ToString(), null, context.RequestAborted);
            return PageServices.SeeOther($"/batches/{batch.Id}");
        });

        app.MapPost("/batches/{id}/upload", async (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var file = form.Files["file"];
            var kind = form["kind"] == "replacement" ? UploadKind.Replacement : UploadKind.FixedRows;
            var refused = UploadProblem(file, s);
            string? problem = refused?.Message;
            if (problem is null)
            {
                await using var content = file!.OpenReadStream();
                problem = await s.Desk.AddUploadAsync(batch, file.FileName, content, kind, context.RequestAborted);
            }

            if (problem is not null)
            {
                return PageServices.Page<ProblemsPage>(new
                {
                    Page = s.Info(context),
                    Batch = batch,
                    Check = s.Desk.Check(batch, context.RequestAborted),
                    MaxBytes = s.Options.MaxUploadBytes,
                    Message = problem,
                }, refused?.Status ?? StatusCodes.Status400BadRequest);
            }

            return PageServices.SeeOther($"/batches/{id}/problems?done={(batch.Record.Uploads[^1].Kind == UploadKind.FixedRows ? "fixed" : "replaced")}");
        });

        app.MapPost("/batches/{id}/sheet", async (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (BatchDesk.ChooseSheet(batch, form["sheet"].ToString()) is { } problem)
            {
                return ErrorResponse.Result(StatusCodes.Status400BadRequest, "Sheet not changed", problem);
            }

            return PageServices.SeeOther($"/batches/{id}/problems?done=sheet");
        });

        app.MapPost("/batches/{id}/send", async (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } batch)
            {
                return PageServices.NotFound();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var check = s.Desk.Check(batch, context.RequestAborted);
            if (!check.CanSend)
            {
                return PageServices.SeeOther($"/batches/{id}/problems");
            }

            var bound = PageServices.JournalTarget(batch);
            var asked = form["target"].ToString();
            var target = bound ?? (asked == "live" ? Target.Live : s.Targets.Rehearsal);
            if (bound is null && target.IsLive && !s.Targets.LiveConfigured)
            {
                return ErrorResponse.Result(StatusCodes.Status400BadRequest, "Live is not configured",
                    "Live Partner Center's settings are not configured, so nothing was sent. See the README's \"Live Partner Center\".");
            }

            if (bound is not null && asked is "live" or "rehearsal" && (asked == "live") != bound.IsLive)
            {
                return PageServices.SeeOther($"/batches/{id}/confirm");
            }

            // A live batch is confirmed by typing its number of orders; resuming one already confirmed is not asked again.
            var orders = check.Plan!.Orders.Count;
            if (target.IsLive && asked != "journal" && !TypedCount(form["count"].ToString(), orders))
            {
                return PageEndpoints.Confirm(context, s, batch, check, target,
                    string.Create(CultureInfo.InvariantCulture, $"Type the number of orders, {orders:N0}, to send them. Nothing was sent."), StatusCodes.Status400BadRequest);
            }

            if (s.Runs.Start(batch, target, allowRepeat: form["allowRepeat"] == "true") is { } problem)
            {
                return PageEndpoints.Confirm(context, s, batch, check, target, problem, StatusCodes.Status409Conflict);
            }

            return PageServices.SeeOther($"/batches/{id}/progress");
        });

        app.MapPost("/batches/{id}/stop", (string id, PageServices s) =>
        {
            if (s.Store.Find(id) is null)
            {
                return PageServices.NotFound();
            }

            s.Runs.Stop(id);
            return PageServices.SeeOther($"/batches/{id}/progress");
        });

        app.MapPost("/batches/{id}/fix", async (string id, HttpContext context, PageServices s) =>
        {
            if (s.Store.Find(id) is not { } parent)
            {
                return PageServices.NotFound();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (UploadProblem(form.Files["file"], s) is { } problem)
            {
                return ErrorResponse.Result(problem.Status, "Not uploaded", problem.Message);
            }

            var file = form.Files["file"]!;
            await using var content = file.OpenReadStream();
            var batch = await s.Store.CreateAsync(file.FileName, content, null, parent.Id, context.RequestAborted);
            return PageServices.SeeOther($"/batches/{batch.Id}");
        });
    }

    private static (string Message, int Status)? UploadProblem(IFormFile? file, PageServices s)
    {
        if (file is null || file.Length == 0)
        {
            return ("Choose a file to upload: the one you picked is empty, or none was picked.", StatusCodes.Status400BadRequest);
        }

        if (file.Length > s.Options.MaxUploadBytes)
        {
            return (PageGuards.TooLargeMessage(s.Options.MaxUploadBytes), StatusCodes.Status413PayloadTooLarge);
        }

        return BatchStore.ExtensionOf(file.FileName) is null ? (BatchDesk.UnreadableName(file.FileName), StatusCodes.Status400BadRequest) : null;
    }

    private static bool TypedCount(string typed, int orders)
    {
        var digits = new string([.. typed.Where(char.IsAsciiDigit)]);
        return digits.Length > 0 && typed.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or ' ' or '\u00a0' or '\'')
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count == orders;
    }
}
