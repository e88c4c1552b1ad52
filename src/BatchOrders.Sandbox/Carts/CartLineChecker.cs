using System.Globalization;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Promotions;
using BatchOrders.Sandbox.Resellers;
using BatchOrders.Sandbox.Storage;
using BatchOrders.Sandbox.Subscriptions;

namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// Checks each line of a new (or updated) cart against the customer and the catalog as it stands today, and puts the
/// lines that can be bought into order groups. A line that cannot be bought keeps its place in the cart with an
/// <c>error</c> (and no order group), as Partner Center answers it; the cart is still created, and its checkout is
/// refused until the client makes a new one. A new-commerce add-on is bought on a line of its own whose
/// <c>ProvisioningContext.ParentSubscriptionId</c> names the customer's active subscription it attaches to.
/// </summary>
internal sealed class CartLineChecker(LiveCatalog catalog, SandboxState state, SubscriptionBook subscriptions, PromotionBook promotions, ResellerBook resellers)
{
    /// <summary>The provisioning-context key naming an add-on's parent subscription.</summary>
    public const string ParentSubscriptionKey = "ParentSubscriptionId";

    public IReadOnlyList<CartLine> Check(IEnumerable<CartLine> requested, SeededCustomer customer)
    {
        var owned = new Lazy<IReadOnlySet<string>>(() => promotions.OwnedProductSkus(customer.Id));
        var lines = requested.OrderBy(l => l.Id).Select(l => Check(l, customer, owned)).ToList();

        // One order per billing cycle: an order has a single billing cycle, while its line items may differ in term
        // (Partner Center's checkout example puts P1Y and P3Y items in one one_time order). An offer a checkout always
        // refuses is placed apart, in a group of its own, as an item sold from another region would be, so one cart
        // can be partly bought. Groups are numbered "0", "1", … in the order they first appear among the line items.
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        return lines.ConvertAll(line =>
        {
            if (line.Error is not null)
            {
                return line;
            }

            var key = catalog.FindAnyGeneration(line.CatalogItemId)?.CheckoutRefusal is null ? line.BillingCycle : $"{line.BillingCycle} {line.CatalogItemId}";
            if (!groups.TryGetValue(key, out var group))
            {
                group = groups.Count.ToString(CultureInfo.InvariantCulture);
                groups[key] = group;
            }

            return line with { OrderGroup = group };
        });
    }

    /// <summary>The parent subscription an add-on line names in its provisioning context, if any (the key in any case).</summary>
    public static string? ParentOf(CartLine line) =>
        line.ProvisioningContext?.FirstOrDefault(p => string.Equals(p.Key, ParentSubscriptionKey, StringComparison.OrdinalIgnoreCase)).Value;

    private CartLine Check(CartLine line, SeededCustomer customer, Lazy<IReadOnlySet<string>> owned)
    {
        var (offer, refusal) = OfferSale.Check(catalog, line.CatalogItemId, customer);
        var error = Problem(line, offer, refusal, customer, owned);
        return line with { CatalogItemId = offer?.Id ?? line.CatalogItemId, TermDuration = line.TermDuration?.ToUpperInvariant(), Error = error };
    }

    private CartLineError? Problem(CartLine line, CatalogOffer? offer, SaleRefusal? refusal, SeededCustomer customer, Lazy<IReadOnlySet<string>> owned)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"(cart line item {line.Id})");
        if (offer is { IsNewCommerce: false })
        {
            return new(CartErrorCodes.LegacyOfferNotEligibleForPurchase,
                $"'{offer.Id}' ({offer.Name}) is a legacy offer: legacy licence-based offers are not eligible for purchase through a cart; buy the new-commerce product (PRODUCT:SKU:AVAILABILITY) {at}.");
        }

        if (refusal is not null)
        {
            return new(CartErrorCodes.CatalogItemIdIsNotValid, $"{refusal.Description} {at}");
        }

        if (line.HasAddOnItems)
        {
            return new(CartErrorCodes.UnableToProcessCartLineItem,
                $"{offer!.Id} ({offer.Name}): nested AddonItems are not supported by the sandbox; buy each add-on on a line of its own with ProvisioningContext.ParentSubscriptionId {at}.");
        }

        if (offer!.IsAddOn && ParentProblem(line, offer, customer, at) is { } parentError)
        {
            return parentError;
        }

        if (line.Quantity < offer.MinQuantity || line.Quantity > offer.MaxQuantity)
        {
            return new(CartErrorCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture,
                $"Quantity {line.Quantity} is not available for {offer.Id} ({offer.Name}): it must be between {offer.MinQuantity} and {offer.MaxQuantity} {at}."));
        }

        if (!offer.AllowsBillingCycle(line.BillingCycle))
        {
            return new(CartErrorCodes.InvalidInput,
                $"Billing cycle '{line.BillingCycle}' is not available for {offer.Id} ({offer.Name}); it allows {string.Join(", ", offer.BillingCycles)} {at}.");
        }

        if (line.TermDuration is not { } term || !offer.AllowsTermDuration(term))
        {
            return new(CartErrorCodes.InvalidInput,
                $"TermDuration {(line.TermDuration is null ? "is required" : $"'{line.TermDuration}' is not available")} for {offer.Id} ({offer.Name}); it sells {string.Join(", ", offer.TermDurations)} {at}.");
        }

        if (!CatalogOffer.BillingCyclesOfTerm(term).Contains(line.BillingCycle, StringComparer.Ordinal))
        {
            return new(CartErrorCodes.InvalidInput,
                $"Billing cycle '{line.BillingCycle}' does not go with term {term.ToUpperInvariant()}: a {term.ToUpperInvariant()} term is billed {string.Join(" or ", CatalogOffer.BillingCyclesOfTerm(term))} {at}.");
        }

        if (line.PartnerIdOnRecord is { } partner && resellers.Refusal(partner) is var (_, code, description))
        {
            return new(CartErrorCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture, $"{description} (error {code}) {at}"));
        }

        if (line.PromotionId is { Length: > 0 } promotion
            && promotions.Check(promotion, offer.Id, line.Quantity, term.ToUpperInvariant(), line.BillingCycle, owned.Value) is { Count: > 0 } reasons)
        {
            return new(CartErrorCodes.InvalidPromotionId,
                $"Promotion {promotion} does not apply to this line: {string.Join(" ", reasons.Select(r => r.Description))} {at}");
        }

        return null;
    }

    /// <summary>Why an add-on line's parent subscription cannot take it; null when it can.</summary>
    private CartLineError? ParentProblem(CartLine line, CatalogOffer offer, SeededCustomer customer, string at)
    {
        if (ParentOf(line) is not { } raw)
        {
            return new(CartErrorCodes.UnableToProcessCartLineItem,
                $"{offer.Id} ({offer.Name}) is an add-on: set ProvisioningContext.ParentSubscriptionId to the customer's active subscription of {string.Join(" or ", offer.AddOnOf.Select(CatalogOffer.ProductSkuOf))} {at}.");
        }

        var parent = Guid.TryParse(raw, out var parentId) ? state.Use(store => store.FindSubscription(parentId)) : null;
        if (parent is null || parent.CustomerId != customer.Id)
        {
            return new(CartErrorCodes.SubscriptionIsNotValid,
                $"ParentSubscriptionId '{raw}' is not a subscription of customer {customer.Id:D} {at}.");
        }

        if (subscriptions.StatusOf(parentId) is var status && status != SubscriptionBook.Active)
        {
            return new(CartErrorCodes.SubscriptionIsNotValid,
                $"The parent subscription {parentId:D} is {status}: an add-on needs an active parent subscription {at}.");
        }

        return offer.AttachesTo(parent.OfferId)
            ? null
            : new(CartErrorCodes.SubscriptionIsNotValid,
                $"The parent subscription {parentId:D} is of {parent.OfferId}; {offer.Id} ({offer.Name}) is an add-on of {string.Join(" or ", offer.AddOnOf.Select(CatalogOffer.ProductSkuOf))} only {at}.");
    }
}
