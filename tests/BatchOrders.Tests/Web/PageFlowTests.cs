using System.Net;
using BatchOrders.Journal;
using BatchOrders.Tests.Support;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Sending;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace BatchOrders.Tests.Web;

public sealed class PageFlowTests : SignedInPageTests
{
    [Fact]
    public async Task Problems_are_listed_filtered_by_column_and_shown_with_every_row()
    {
        var id = await Page.NewBatchAsync("with-errors.csv", Sample("with-errors.csv"));

        var problems = await Page.PageAsync($"/batches/{id}/problems");
        var quantity = await Page.PageAsync($"/batches/{id}/problems?column=Quantity&only=true&only=false");
        var rows = await Page.PageAsync($"/batches/{id}/problems?only=false");

        Assert.Contains("12 problems in 12 rows of with-errors.csv", problems, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent: fix them and upload the fixed rows.", problems, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Quantity\">Quantity</option>", problems, StringComparison.Ordinal);
        Assert.Contains("4 problems in column Quantity", quantity, StringComparison.Ordinal);
        Assert.Contains("Every row of the file", rows, StringComparison.Ordinal);
        Assert.Contains("<td>none</td>", rows, StringComparison.Ordinal);
        Assert.Contains("Contoso Ltd", rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rows_to_fix_are_the_input_columns_and_the_problem_and_a_fixed_upload_keeps_the_valid_rows()
    {
        var id = await Page.NewBatchAsync("with-errors.csv", Sample("with-errors.csv"));

        using var download = await Page.Http.GetAsync(new Uri($"/batches/{id}/rows-to-fix", UriKind.Relative));
        var toFix = await download.Content.ReadAsStringAsync();
        var lines = toFix.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("with-errors.to-fix.csv", download.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("CustomerId,OfferId,Quantity,BillingCycle,TermDuration,FriendlyName,ParentSubscriptionId,OrderId,PartnerIdOnRecord,Notes,Result: Row,Result: Problem", lines[0]);
        Assert.Equal(13, lines.Length);
        Assert.Contains("Contoso Ltd", lines[1], StringComparison.Ordinal);

        using var upload = await Page.UploadAsync($"/batches/{id}/upload", "with-errors.to-fix.csv", FixedFiles.Fix(toFix), [new("kind", "fixed-rows")], from: $"/batches/{id}/problems");
        Assert.Equal(HttpStatusCode.SeeOther, upload.StatusCode);
        var checkedAgain = await Page.PageAsync(upload.Headers.Location!.ToString());

        Assert.Contains("the batch now has 13 rows", checkedAgain, StringComparison.Ordinal);
        Assert.Contains("13 rows, all valid.", checkedAgain, StringComparison.Ordinal);
        var plan = await Page.PageAsync($"/batches/{id}/plan");
        Assert.Contains("<strong>Rehearsal</strong>: the built-in sandbox (nothing is really ordered)", plan, StringComparison.Ordinal);
        Assert.Contains("Plan: <strong>", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rehearsal_is_sent_with_one_click_to_the_end_and_its_results_are_what_the_CLI_reads()
    {
        var id = await Page.NewBatchAsync("finance-upload.csv", Sample("finance-upload.csv"));
        var confirm = await Page.PageAsync($"/batches/{id}/confirm?target=rehearsal");
        Assert.Contains("Send 10 orders for 8 customers to the built-in sandbox (nothing is really ordered)?", confirm, StringComparison.Ordinal);

        using var send = await Page.PostAsync($"/batches/{id}/send", [new("target", "rehearsal")], from: $"/batches/{id}/confirm");
        Assert.Equal(HttpStatusCode.SeeOther, send.StatusCode);
        Assert.Equal($"/batches/{id}/progress", send.Headers.Location!.ToString());
        await Runs.WhenEnded(id);

        var progress = await Page.PageAsync($"/batches/{id}/progress");
        var results = await Page.PageAsync($"/batches/{id}/results");
        Assert.Contains("Done. Every order succeeded in the rehearsal; nothing was really ordered.", progress, StringComparison.Ordinal);
        Assert.Contains("SANDBOX — nothing was ordered", results, StringComparison.Ordinal);
        Assert.Contains("No refused or unsent rows to fix.", results, StringComparison.Ordinal);

        using var workbook = await Page.Http.GetAsync(new Uri($"/batches/{id}/results.xlsx", UriKind.Relative));
        Assert.Equal("finance-upload.results.xlsx", workbook.Content.Headers.ContentDisposition!.FileName);
        using (var book = new XLWorkbook(await workbook.Content.ReadAsStreamAsync()))
        {
            var sheet = book.Worksheet("Results");
            var state = sheet.Row(1).CellsUsed().First(c => c.GetString() == "State").Address.ColumnNumber;
            Assert.Equal(27, sheet.RowsUsed().Count() - 1);
            Assert.All(sheet.RowsUsed().Skip(1), row => Assert.Equal("Succeeded", row.Cell(state).GetString()));
        }

        using var failed = await Page.Http.GetAsync(new Uri($"/batches/{id}/failed-rows", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, failed.StatusCode);
        var journal = Path.Combine(Page.Folder, id, "orders.csv.journal.db");
        var (exitCode, status) = await CliRunner.RunAsync("status", journal);
        Assert.Equal(0, exitCode);
        Assert.Contains("SANDBOX", status, StringComparison.Ordinal);
        Assert.Contains("finance-upload", await Page.PageAsync("/"), StringComparison.Ordinal);
        Assert.Contains("finished", await Page.PageAsync("/"), StringComparison.Ordinal);
        Assert.Equal(10, (await EmbeddedLedger.ReadAsync(journal)).Count);
    }

    [Fact]
    public async Task The_progress_events_stream_the_figures_and_end()
    {
        var id = await Page.NewBatchAsync("finance-upload.csv", Sample("finance-upload.csv"));
        using (await Page.PostAsync($"/batches/{id}/send", [new("target", "rehearsal")], from: $"/batches/{id}/confirm"))
        {
        }

        await Runs.WhenEnded(id);
        using var response = await Page.Http.GetAsync(new Uri($"/batches/{id}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("event: progress\ndata: {", text, StringComparison.Ordinal);
        Assert.Contains("\"percent\":100", text, StringComparison.Ordinal);
        Assert.EndsWith("event: end\ndata: {}\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_journal_another_run_holds_is_not_sent_from_the_page()
    {
        var id = await Page.NewBatchAsync("finance-upload.csv", Sample("finance-upload.csv"));
        var journal = Path.Combine(Page.Folder, id, "orders.csv.journal.db");
        var (held, _) = JournalLock.Acquire(journal, "batchorders submit orders.csv (the console)");
        using (held)
        {
            using (await Page.PostAsync($"/batches/{id}/send", [new("target", "rehearsal")], from: $"/batches/{id}/confirm"))
            {
            }

            await Runs.WhenEnded(id);
            var progress = await Page.PageAsync($"/batches/{id}/progress");

            Assert.Contains("Another run is using the journal", progress, StringComparison.Ordinal);
            Assert.Contains("batchorders submit orders.csv (the console)", progress, StringComparison.Ordinal);
            Assert.Contains("Nothing was sent.", progress, StringComparison.Ordinal);
        }

        Assert.Empty(await EmbeddedLedger.ReadAsync(journal));
    }

    [Fact]
    public async Task The_sheet_to_read_can_be_chosen_when_a_workbook_has_several()
    {
        var id = await Page.NewBatchAsync("migration-day.xlsx", Sample("migration-day.xlsx"));
        var batch = Page.Host.Services.GetRequiredService<BatchStore>().Find(id)!;

        Assert.Null(batch.Record.Sheet);
        Assert.Contains("rows, all valid", await Page.PageAsync($"/batches/{id}/problems"), StringComparison.Ordinal);
        Assert.True(BatchDesk.ChooseSheet(batch, "No such sheet") is { } refused && refused.Contains("has no sheet named", StringComparison.Ordinal));
    }

    private RunCoordinator Runs => Page.Host.Services.GetRequiredService<RunCoordinator>();

    private static byte[] Sample(string name) => File.ReadAllBytes(RepositoryFiles.Get("sample-data", name));
}
