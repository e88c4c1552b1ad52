using BatchOrders.Sandbox.Customers;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>Why an offer cannot be sold to a customer, in words the orders API and the carts API each turn into their own error.</summary>
internal enum SaleRefusalKind
{
    /// <summary>No such offer or catalog item.</summary>
    Unknown,

    /// <summary>A new-commerce catalog item whose availability is no longer today's.</summary>
    StaleAvailability,

    /// <summary>Still in the catalog, no longer sold.</summary>
    NoLongerSold,

    /// <summary>Not sold in the customer's country.</summary>
    NotInCountry,

    /// <summary>Sold to another segment (education) than the customer's.</summary>
    NotForSegment,
}

/// <summary>An offer that cannot be sold to a customer: why, and a sentence saying so.</summary>
internal sealed record SaleRefusal(SaleRefusalKind Kind, string Description);

/// <summary>Whether an offer id names an offer a customer can buy today: the checks orders and carts share.</summary>
internal static class OfferSale
{
    public static (CatalogOffer? Offer, SaleRefusal? Refusal) Check(LiveCatalog catalog, string offerId, SeededCustomer customer)
    {
        var (offer, stale) = catalog.Resolve(offerId);
        if (offer is null)
        {
            return (null, new SaleRefusal(SaleRefusalKind.Unknown, $"The offer id '{offerId}' is not valid."));
        }

        if (stale)
        {
            return (null, new SaleRefusal(SaleRefusalKind.StaleAvailability,
                $"The availability of '{offerId}' is no longer current: availability ids are reissued, and today's for {offer.ProductSku} ({offer.Name}) is {offer.AvailabilityId}. Get the current availability (GET /v1/customers/{customer.Id:D}/products/{offer.ProductId}/skus/{offer.SkuId}/availabilities) before ordering."));
        }

        if (!offer.IsPurchasable)
        {
            return (offer, new SaleRefusal(SaleRefusalKind.NoLongerSold, $"The offer {offer.Id} ({offer.Name}) is no longer available for purchase."));
        }

        if (!offer.IsSoldIn(customer.Country))
        {
            return (offer, new SaleRefusal(SaleRefusalKind.NotInCountry,
                $"The offer {offer.Id} ({offer.Name}) is not available in the customer's country ({customer.Country}); it is sold in {string.Join(", ", offer.Countries)}."));
        }

        return offer.IsEducation && !customer.IsEducation
            ? (offer, new SaleRefusal(SaleRefusalKind.NotForSegment,
                $"The offer {offer.Id} ({offer.Name}) is sold to education customers only, and customer {customer.Id:D} ({customer.CompanyName}) has no Education qualification."))
            : (offer, null);
    }
}
