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
    private const string NewCustomer = "5d0c6a7e-41b2-4c1f-9e3a-7b8d2f6c1a90";

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

    [Fact]
    public async Task Each_finding_of_the_preflight_sits_on_its_row_and_column_and_the_batch_opens_on_its_problems()
    {
        // Row 2's customer is not seeded (the sandbox takes any other GUID for a US reseller customer); row 3's has no
        // commerce relationship; row 4's customer already has an active subscription to the same product and SKU.
        var id = await Page.NewBatchAsync("orders.csv", Csv(
            $"{NewCustomer},{SandboxHost.NceBusinessPremium},5,Monthly,P1M",
            $"{Seeded.Tailspin},{SandboxHost.NceBusinessBasic},3,Monthly,P1M",
            $"{Seeded.Contoso},{SandboxHost.NceE3},4,Monthly,P1Y"));

        await SendAsync(id);

        Assert.False(File.Exists(Path.Combine(Page.Folder, id, "orders.csv.journal.db")), "a run the preflight stopped leaves no journal: the batch is not sent");
        using (var batch = await Page.Http.GetAsync(new Uri($"/batches/{id}", UriKind.Relative)))
        {
            Assert.Equal($"/batches/{id}/problems", batch.Headers.Location!.ToString());
        }

        var problems = await Page.PageAsync($"/batches/{id}/problems");
        Assert.Contains("1 problem in 1 row of orders.csv.", problems, StringComparison.Ordinal);
        Assert.Contains("Download the rows to fix (1 row)", problems, StringComparison.Ordinal);
        Assert.Contains("1 warning: worth a look, but they do not stop the batch.", problems, StringComparison.Ordinal);
        Assert.Matches($"<tr class=\"error\">\\s*<td>Error</td>\\s*<td>3</td>\\s*<td>CustomerId</td>\\s*<td><code>{Seeded.Tailspin}</code></td>\\s*<td>[^<]*no commerce relationship", problems);
        Assert.Matches($"<tr class=\"warning\">\\s*<td>Warning</td>\\s*<td>4</td>\\s*<td>OfferId</td>\\s*<td><code>{SandboxHost.NceE3}</code></td>\\s*<td>[^<]*{Seeded.ContosoNceE3Subscription}", problems);
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
