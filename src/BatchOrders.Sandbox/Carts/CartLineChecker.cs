using System.Globalization;
using BatchOrders.Sandbox.Catalog;

namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// Checks each line of a new cart against the catalog and puts the lines that can be bought into order groups.
/// A line that cannot be bought keeps its place in the cart with an <c>error</c> (and no order group), as Partner
/// Center answers it; the cart is still created, and its checkout is refused until the client makes a new one.
/// </summary>
internal static class CartLineChecker
{
    public static IReadOnlyList<CartLine> Check(IEnumerable<CartLineRequest> requested, SandboxCatalog catalog)
    {
        var lines = requested.OrderBy(l => l.Id).Select(l => Check(l, catalog)).ToList();

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

            var key = catalog.Find(line.CatalogItemId)?.CheckoutRefusal is null ? line.BillingCycle : $"{line.BillingCycle} {line.CatalogItemId}";
            if (!groups.TryGetValue(key, out var group))
            {
                group = groups.Count.ToString(CultureInfo.InvariantCulture);
                groups[key] = group;
            }

            return line with { OrderGroup = group };
        });
    }

    private static CartLine Check(CartLineRequest line, SandboxCatalog catalog)
    {
        var offer = catalog.Find(line.CatalogItemId);
        var error = Problem(line, offer);
        return new CartLine(line.Id, offer?.Id ?? line.CatalogItemId, line.Quantity, line.BillingCycle,
            line.TermDuration?.ToUpperInvariant(), line.FriendlyName, line.PromotionId, line.ProvisioningContext, line.Participants,
            OrderGroup: null, error);
    }

    private static CartLineError? Problem(CartLineRequest line, CatalogOffer? offer)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"(cart line item {line.Id})");
        if (offer is null)
        {
            return new(CartErrorCodes.CatalogItemIdIsNotValid, $"The catalog item id '{line.CatalogItemId}' is not valid {at}.");
        }

        if (!offer.IsNewCommerce)
        {
            return new(CartErrorCodes.CatalogItemIdIsNotValid,
                $"'{offer.Id}' ({offer.Name}) is a legacy offer id, not a catalog item id (PRODUCT:SKU:AVAILABILITY): order it with POST /orders {at}.");
        }

        if (offer.IsAddOn || line.HasAddOnItems)
        {
            return new(CartErrorCodes.UnableToProcessCartLineItem,
                $"{offer.Id} ({offer.Name}) cannot be bought through this cart: add-ons need a parent subscription, and the sandbox sells them only by PATCHing the parent's order {at}.");
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

        return BillingCyclesOfTerm(term).Contains(line.BillingCycle, StringComparer.Ordinal)
            ? null
            : new(CartErrorCodes.InvalidInput,
                $"Billing cycle '{line.BillingCycle}' does not go with term {term.ToUpperInvariant()}: a {term.ToUpperInvariant()} term is billed {string.Join(" or ", BillingCyclesOfTerm(term))} {at}.");
    }

    /// <summary>New-commerce billing per term: a month is billed monthly, a year monthly or annually, three years also triennially.</summary>
    private static string[] BillingCyclesOfTerm(string term) => term.ToUpperInvariant() switch
    {
        "P1M" => ["monthly"],
        "P1Y" => ["monthly", "annual"],
        _ => ["monthly", "annual", "triennial"],
    };
}
