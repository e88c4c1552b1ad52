namespace BatchOrders.Sandbox.Orders;

/// <summary>Builds the Partner Center view of an order from its ledger entries (the create, then any patches).</summary>
internal static class OrderView
{
    public const string Pending = "pending";
    public const string Completed = "completed";

    /// <summary>The order of <paramref name="entries"/> in <paramref name="status"/>, priced in the customer's currency.</summary>
    public static OrderResource Build(IReadOnlyList<LedgerOrder> entries, string status, (string Code, string Symbol) currency)
    {
        var created = entries[0];
        var customer = created.CustomerId.ToString("D");
        var orderUri = $"/customers/{customer}/orders/{created.OrderId}";
        var items = entries.SelectMany(e => e.LineItems).Select(i => new OrderLineItemResource(
                i.LineItemNumber,
                i.OfferId,
                i.SubscriptionId,
                i.ParentSubscriptionId,
                i.FriendlyName,
                i.Quantity,
                i.TermDuration,
                i.PromotionId,
                i.PartnerIdOnRecord,
                new LineItemLinks(
                    Get($"/customers/{customer}/subscriptions/{i.SubscriptionId:D}"),
                    Get($"{orderUri}/lineitems/{i.LineItemNumber}/provisioningstatus"))))
            .ToList();
        return new OrderResource(
            created.OrderId,
            created.CustomerId,
            created.BillingCycle,
            items,
            created.CreatedAt.UtcDateTime,
            status,
            currency.Code,
            currency.Symbol,
            "UserPurchase",
            new OrderLinks(Get(orderUri), Get($"{orderUri}/provisioningstatus"), new ResourceLink(orderUri, "PATCH", [])),
            new ResourceAttributes("Order"));
    }

    /// <summary><c>pending</c> until <paramref name="completionDelay"/> after the order's last change, then <c>completed</c>.</summary>
    public static string StatusAt(IReadOnlyList<LedgerOrder> entries, DateTimeOffset now, TimeSpan completionDelay) =>
        now - entries[^1].CreatedAt >= completionDelay ? Completed : Pending;

    private static ResourceLink Get(string uri) => new(uri, "GET", []);
}
