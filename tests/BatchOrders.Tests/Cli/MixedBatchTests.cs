using System.Text.Json;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Cli;

/// <summary>A spreadsheet mixing new-commerce, legacy and add-on rows, some customers on two paths, submitted as a user would.</summary>
public sealed class MixedBatchTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,FriendlyName,ParentSubscriptionId,OrderId";
    private const string AddOnCustomer = "e5838571-7d5d-41ac-b147-b2a27b18cd81";
    private const string MyAnalytics = "8F4C2E1A-6B7D-4E3F-9A2B-1C5D8E7F6A01";
    private const string ParentSubscription = "0e18d005-f9af-4f19-b172-3ab08d643db2";
    private const string ExistingOrder = "Cs_SE83pKlsRjU9CcJFJ8yFDfoAm6mt3";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task New_commerce_rows_are_bought_only_through_carts_and_the_rest_only_through_orders_and_patches()
    {
        var path = _folder.WriteText("mixed.csv", Rows.Csv(Header,
            $"{Rows.Customer},{OrderFiles.NceE3},10,Monthly,P1Y,E3 NCE,,",
            $"{Rows.Customer},{Rows.E3},5,Monthly,,E3 legacy,,",
            $"{Rows.Customer},{OrderFiles.NceBasic},3,Monthly,P1M,,,",
            $"{Rows.OtherCustomer},{Rows.E1},2,Annual,,,,",
            $"{Rows.OtherCustomer},{OrderFiles.NceE3},4,Annual,P1Y,,,",
            $"{AddOnCustomer},{MyAnalytics},12,Monthly,,MyAnalytics,{ParentSubscription},{ExistingOrder}"));

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--json");

        Assert.Equal(0, exitCode);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(5, summary.RootElement.GetProperty("orders").GetProperty("succeeded").GetInt32());
        var ledger = await EmbeddedLedger.ReadAsync(path + ".journal.db");
        var byCart = ledger.ToLookup(o => o.CartId is not null);
        Assert.All(byCart[true].SelectMany(o => o.LineItems), l => Assert.Contains(":", l.OfferId, StringComparison.Ordinal));
        Assert.All(byCart[false].SelectMany(o => o.LineItems), l => Assert.DoesNotContain(":", l.OfferId, StringComparison.Ordinal));
        Assert.Equal(2, byCart[true].Count());
        Assert.Equal(["create", "create", "patch"], byCart[false].Select(o => o.Kind).Order());
        Assert.Equal(6, ledger.Sum(o => o.LineItems.Count));
    }
}
