using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;

namespace BatchOrders.Sandbox.Subscriptions;

/// <summary>
/// A customer's subscriptions: one per line item the ledger holds for it (the orders it started with, and every order
/// and checkout since), <c>active</c> unless seeded otherwise (<c>suspended</c>, …); and the provisioning statuses
/// that orders and subscriptions link to.
/// </summary>
internal sealed class SubscriptionBook(SandboxState state, LiveCatalog catalog, TimeProvider time, TimeSpan completionDelay)
{
    public const string Active = "active";

    /// <summary>All of a customer's subscriptions, or those of one order (<c>?order_id=</c>).</summary>
    public SandboxAnswer List(Guid customerId, string? orderId)
    {
        var entries = state.Use(store => store.ReadLedger(customerId));
        var subscriptions = Subscriptions(entries)
            .Where(s => orderId is null || string.Equals(s.OrderId, orderId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return SandboxAnswer.Json(200, new ResourceCollection<SubscriptionResource>(subscriptions.Count, subscriptions, new ResourceAttributes("Collection")));
    }

    public SandboxAnswer Get(Guid customerId, string rawSubscriptionId) =>
        Find(customerId, rawSubscriptionId) is { } subscription
            ? SandboxAnswer.Json(200, subscription)
            : NotFound(rawSubscriptionId);

    public SandboxAnswer GetProvisioningStatus(Guid customerId, string rawSubscriptionId) =>
        Find(customerId, rawSubscriptionId) is { } subscription
            ? SandboxAnswer.Json(200, new SubscriptionProvisioningStatusResource(SkuGuid(subscription.OfferId),
                subscription.Status == Active ? "success" : "pending", subscription.Quantity, subscription.CommitmentEndDate,
                new ResourceAttributes("SubscriptionProvisioningStatus")))
            : NotFound(rawSubscriptionId);

    /// <summary>The provisioning status of every line item of an order (<c>…/orders/{id}/provisioningstatus</c>).</summary>
    public SandboxAnswer GetOrderProvisioningStatus(Guid customerId, string orderId)
    {
        var entries = state.Use(store => store.ReadOrder(customerId, orderId));
        if (entries.Count == 0)
        {
            return OrderNotFound(customerId, orderId);
        }

        var lines = entries.SelectMany(e => e.LineItems).Select(i => LineStatus(entries, i)).ToList();
        return SandboxAnswer.Json(200, new ResourceCollection<LineItemProvisioningStatusResource>(lines.Count, lines, new ResourceAttributes("Collection")));
    }

    /// <summary>The provisioning status of one line item (<c>…/orders/{id}/lineitems/{n}/provisioningstatus</c>).</summary>
    public SandboxAnswer GetLineItemProvisioningStatus(Guid customerId, string orderId, string rawNumber)
    {
        var entries = state.Use(store => store.ReadOrder(customerId, orderId));
        if (entries.Count == 0)
        {
            return OrderNotFound(customerId, orderId);
        }

        var line = int.TryParse(rawNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? entries.SelectMany(e => e.LineItems).FirstOrDefault(i => i.LineItemNumber == number)
            : null;
        return line is null
            ? SandboxAnswer.Error(404, ErrorCodes.InvalidInput, $"Order {orderId} has no line item '{rawNumber}'.")
            : SandboxAnswer.Json(200, LineStatus(entries, line));
    }

    /// <summary>The subscription of this customer, or null (another customer's, or none).</summary>
    public SubscriptionResource? Find(Guid customerId, string rawSubscriptionId)
    {
        if (!Guid.TryParse(rawSubscriptionId, out var subscriptionId))
        {
            return null;
        }

        var entries = state.Use(store => store.FindSubscription(subscriptionId) is { } record && record.CustomerId == customerId
            ? store.ReadOrder(customerId, record.OrderId)
            : []);
        return Subscriptions(entries).FirstOrDefault(s => s.Id == subscriptionId);
    }

    /// <summary>The status of a subscription the sandbox issued: seeded, or <c>active</c>.</summary>
    public string StatusOf(Guid subscriptionId) => catalog.Seeded.SubscriptionStatuses.GetValueOrDefault(subscriptionId, Active);

    private IEnumerable<SubscriptionResource> Subscriptions(IReadOnlyList<LedgerOrder> entries)
    {
        foreach (var order in entries.GroupBy(e => e.OrderId, StringComparer.Ordinal))
        {
            var created = order.First();
            foreach (var entry in order)
            {
                foreach (var item in entry.LineItems)
                {
                    yield return Resource(created, entry, item);
                }
            }
        }
    }

    private SubscriptionResource Resource(LedgerOrder order, LedgerOrder entry, LedgerLineItem item)
    {
        var offer = catalog.FindAnyGeneration(item.OfferId);
        var newCommerce = item.OfferId.Contains(':', StringComparison.Ordinal);
        var customer = order.CustomerId.ToString("D");
        var created = entry.CreatedAt.UtcDateTime;
        var start = created.Date;
        var productSku = CatalogOffer.ProductSkuOf(item.OfferId).Split(':');
        return new SubscriptionResource(
            item.SubscriptionId,
            EntitlementOf(item.SubscriptionId),
            item.OfferId,
            offer?.Name ?? item.OfferId,
            item.FriendlyName,
            newCommerce ? new ProductTypeReference("OnlineServicesNCE", "OnlineServicesNCE") : new ProductTypeReference("OnlineServices", "OnlineServices"),
            item.Quantity,
            "Licenses",
            item.ParentSubscriptionId,
            created,
            start,
            CommitmentEnd(start, item.TermDuration),
            StatusOf(item.SubscriptionId),
            true,
            "license",
            order.BillingCycle,
            item.TermDuration ?? (newCommerce ? null : "P1Y"),
            false,
            item.PromotionId,
            item.PartnerIdOnRecord,
            "subscription",
            order.OrderId,
            new SubscriptionLinks(
                newCommerce ? null : Get($"/offers/{item.OfferId}?country=US"),
                newCommerce ? Get($"/products/{productSku[0]}?country=US") : null,
                newCommerce ? Get($"/products/{productSku[0]}/skus/{productSku[1]}?country=US") : null,
                item.ParentSubscriptionId is { } parent ? Get($"/customers/{customer}/subscriptions/{parent:D}") : null,
                Get($"/customers/{customer}/subscriptions/{item.SubscriptionId:D}")),
            new ResourceAttributes("Subscription"));
    }

    private LineItemProvisioningStatusResource LineStatus(IReadOnlyList<LedgerOrder> entries, LedgerLineItem line)
    {
        var done = OrderView.StatusAt(entries, time.GetUtcNow(), completionDelay) == OrderView.Completed;
        var status = done ? "fulfilled" : "pending";
        return new LineItemProvisioningStatusResource(line.LineItemNumber, status, [new QuantityProvisioningStatusResource(line.Quantity, status)],
            new ResourceAttributes("OrderLineItemProvisioningStatus"));
    }

    private static DateTime CommitmentEnd(DateTime start, string? term) => (term ?? "P1Y").ToUpperInvariant() switch
    {
        "P1M" => start.AddMonths(1).AddDays(-1),
        "P3Y" => start.AddYears(3).AddDays(-1),
        _ => start.AddYears(1).AddDays(-1),
    };

    private static Guid EntitlementOf(Guid subscriptionId) => DerivedGuid("entitlement:" + subscriptionId.ToString("D"));

    private static Guid SkuGuid(string offerId) => DerivedGuid("sku:" + CatalogOffer.ProductSkuOf(offerId).ToUpperInvariant());

    private static Guid DerivedGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);

    private static SandboxAnswer NotFound(string subscriptionId) =>
        SandboxAnswer.Error(404, ErrorCodes.SubscriptionNotFound, $"Subscription with id {subscriptionId} not found.");

    private static SandboxAnswer OrderNotFound(Guid customerId, string orderId) =>
        SandboxAnswer.Error(404, ErrorCodes.OrderNotFound, $"Order '{orderId}' was not found for customer {customerId:D}.");

    private static ResourceLink Get(string uri) => new(uri, "GET", []);
}
