using System.Net;
using System.Text;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace BatchOrders.Tests.Web;

/// <summary>The preflight as the page runs it: before the first order, as <c>submit</c> does.</summary>
public sealed class PagePreflightTests : SignedInPageTests
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration";

    [Fact]
    public async Task A_row_Partner_Center_refuses_is_listed_with_the_problems_nothing_is_sent_and_the_fixed_rows_are_then_bought()
    {
        // Row 2 names a product and SKU without an availability, which only the preflight completes; row 3's customer
        // has no commerce relationship with the partner, which only Partner Center's data shows.
        var id = await Page.NewBatchAsync("orders.csv", Csv(
            $"{Seeded.Contoso},CFQ7TTC0LF8Q:0001,5,Monthly,P1Y",
            $"{Seeded.Tailspin},{SandboxHost.NceBusinessPremium},1,Monthly,P1Y"));
        Assert.Contains("2 rows, all valid.", await Page.PageAsync($"/batches/{id}/problems"), StringComparison.Ordinal);

        await SendAsync(id);

        var progress = await Page.PageAsync($"/batches/{id}/progress");
        Assert.Contains("data shows 1 problem in 1 row. Nothing was sent.", progress, StringComparison.Ordinal);
        Assert.Contains($"/batches/{id}/problems\">See the problems", progress, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Page.Folder, id, "orders.csv.journal.db")), "a batch the preflight stopped is not sent: its file can still be fixed");
        var problems = await Page.PageAsync($"/batches/{id}/problems");
        Assert.Contains("1 problem in 1 row of orders.csv", problems, StringComparison.Ordinal);
        Assert.Contains("no commerce relationship", problems, StringComparison.Ordinal);
        Assert.Contains("1 warning: worth a look", problems, StringComparison.Ordinal);
        Assert.Contains("which will be bought", problems, StringComparison.Ordinal);
        Assert.Contains("needs attention: rows to fix", await Page.PageAsync("/"), StringComparison.Ordinal);

        using var toFix = await Page.Http.GetAsync(new Uri($"/batches/{id}/rows-to-fix", UriKind.Relative));
        var lines = (await toFix.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(Seeded.Tailspin, lines[1], StringComparison.Ordinal);
        Assert.Contains("no commerce relationship", lines[1], StringComparison.Ordinal);

        using var upload = await Page.UploadAsync($"/batches/{id}/upload", "orders.to-fix.csv",
            Csv($"{Seeded.Fabrikam},{SandboxHost.NceBusinessBasic},5,Monthly,P1M"), [new("kind", "fixed-rows")], from: $"/batches/{id}/problems");
        Assert.Equal(HttpStatusCode.SeeOther, upload.StatusCode);
        Assert.Contains("2 rows, all valid.", await Page.PageAsync($"/batches/{id}/problems"), StringComparison.Ordinal);

        await SendAsync(id);

        Assert.Contains("Done. Every order succeeded in the rehearsal", await Page.PageAsync($"/batches/{id}/progress"), StringComparison.Ordinal);
        var results = await Page.PageAsync($"/batches/{id}/results");
        Assert.Contains("No refused or unsent rows to fix.", results, StringComparison.Ordinal);
        Assert.Equal(2, (await EmbeddedLedger.ReadAsync(Page.Host.Services.GetRequiredService<BatchStore>().Find(id)!.JournalPath)).Sum(o => o.LineItems.Count));
    }

    private async Task SendAsync(string id)
    {
        using (var send = await Page.PostAsync($"/batches/{id}/send", [new("target", "rehearsal")], from: $"/batches/{id}/confirm"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, send.StatusCode);
        }

        await Page.Host.Services.GetRequiredService<RunCoordinator>().WhenEnded(id);
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");
}
