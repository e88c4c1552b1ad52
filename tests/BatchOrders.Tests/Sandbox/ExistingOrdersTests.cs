using System.Net;
using System.Text.Json;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public sealed class ExistingOrdersTests
{
    [Fact]
    public async Task Every_legacy_add_on_of_the_sample_file_with_an_order_patches_its_seeded_existing_order_and_the_ledger_shows_only_those_patches()
    {
        await using var host = await StartAsync();
        var rows = SpreadsheetReader.Read(RepositoryFiles.Get("sample-data", "addons.csv")).Rows.Where(r => r.OrderId is not null).ToList();
        Assert.NotEmpty(rows);

        foreach (var row in rows)
        {
            using var response = await host.PatchOrderAsync(row.CustomerId, row.OrderId!, AddOnBody((0, row.OfferId, row.Quantity, row.ParentSubscriptionId)), Guid.NewGuid());
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            using var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(row.OrderId, order.RootElement.GetProperty("id").GetString());
        }

        var ledger = host.Server.GetLedger();
        Assert.Equal(rows.Count, ledger.Count);
        Assert.All(ledger, entry => Assert.Equal(BatchOrders.Sandbox.LedgerOrder.PatchKind, entry.Kind));
    }
}
