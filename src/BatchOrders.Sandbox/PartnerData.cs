using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Promotions;
using BatchOrders.Sandbox.Resellers;
using BatchOrders.Sandbox.Storage;
using BatchOrders.Sandbox.Subscriptions;

namespace BatchOrders.Sandbox;

/// <summary>
/// Partner Center's data as the sandbox serves it, beside its orders and carts: the catalog as it stands today
/// (availability ids rotate), the customers, their subscriptions, the legacy offers, the promotions and the indirect
/// resellers. One of each per sandbox.
/// </summary>
internal sealed record PartnerData(
    LiveCatalog Catalog,
    CustomerDirectory Customers,
    SubscriptionBook Subscriptions,
    ProductBook Products,
    OfferBook Offers,
    PromotionBook Promotions,
    ResellerBook Resellers)
{
    public static PartnerData Create(SandboxState state, SandboxOptions options, TimeProvider time)
    {
        var seeded = SandboxCatalog.Seeded;
        var rotation = new AvailabilityRotation(options.AvailabilityRotation, time, state.Use(s => s.ReadRotations()), count => state.Use(s => s.SaveRotations(count)));
        var catalog = new LiveCatalog(seeded, rotation);
        var subscriptions = new SubscriptionBook(state, catalog, time, options.OrderCompletionDelay);
        return new PartnerData(
            catalog,
            new CustomerDirectory(seeded, options.UnknownCustomers),
            subscriptions,
            new ProductBook(catalog),
            new OfferBook(catalog),
            new PromotionBook(catalog, state, subscriptions, time),
            new ResellerBook(seeded));
    }
}
