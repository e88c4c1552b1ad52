namespace BatchOrders.Sandbox.Orders;

/// <summary>The Partner Center error codes the sandbox answers with (Partner Center's documented error codes; see the sandbox README).</summary>
internal static class ErrorCodes
{
    /// <summary>Invalid request input (400): malformed body or headers, billing cycle or term not allowed, too many line items, request id reused for another body.</summary>
    public const int InvalidInput = 800002;

    /// <summary>Unexpected service error (500).</summary>
    public const int UnexpectedError = 800003;

    /// <summary>Invalid offer id (400).</summary>
    public const int InvalidOffer = 800004;

    /// <summary>Quantity outside the offer's range (400).</summary>
    public const int QuantityOutOfRange = 2002;

    /// <summary>ParentSubscriptionId on a POST (400).</summary>
    public const int ParentSubscriptionNotSupported = 2000;

    /// <summary>Order id not found (404).</summary>
    public const int OrderNotFound = 20000;

    /// <summary>Parent is not an active subscription (of this customer and order) (400).</summary>
    public const int NotAnActiveSubscription = 800012;

    /// <summary>Add-on not related to the parent subscription's offer (400).</summary>
    public const int AddOnNotRelated = 800029;

    /// <summary>Line-item numbers not 0..n-1 (400).</summary>
    public const int LineItemNumbering = 800071;

    /// <summary>Customer tenant not found (404).</summary>
    public const int CustomerNotFound = 60003;

    /// <summary>"Your order is in progress" (409): the same request id is being processed right now.</summary>
    public const int OrderInProgress = 800060;

    /// <summary>Sandbox choice: 401 and 403 carry their HTTP status as code (Partner Center documents none).</summary>
    public const int Unauthorized = 401;

    /// <summary>Sandbox choice, see <see cref="Unauthorized"/>.</summary>
    public const int Forbidden = 403;

    /// <summary>Sandbox choice: 503 carries its HTTP status as code.</summary>
    public const int ServiceUnavailable = 503;

    /// <summary>Not found (404), where Partner Center documents no more precise code: a legacy offer not sold in the country, an unknown promotion.</summary>
    public const int NotFound = 1000;

    /// <summary>"The partner id has no commerce relationship with the customer id" (403): not the partner's customer.</summary>
    public const int NoCommerceRelationship = 20002;

    /// <summary>"Subscription with id {0} not found" (404).</summary>
    public const int SubscriptionNotFound = 20003;

    /// <summary>"Cannot enable a child subscription, when the parent subscription is not Active" (409).</summary>
    public const int ParentNotActive = 27009;

    /// <summary>"The offer is no longer available for purchase" (403).</summary>
    public const int OfferNoLongerAvailable = 2091;

    /// <summary>"The offer is not eligible for purchase" (403): an education offer for a customer who is not qualified.</summary>
    public const int OfferNotEligible = 2085;

    /// <summary>"The Offers API does not support item with id {0}" (400): a new-commerce id sent to <c>/offers</c>.</summary>
    public const int NotAnOffersApiItem = 2100;

    /// <summary>"Offer is not available in the specified country" (400).</summary>
    public const int OfferNotInCountry = 800070;

    /// <summary>Product not found (404).</summary>
    public const int ProductNotFound = 400013;

    /// <summary>SKU not found (404).</summary>
    public const int SkuNotFound = 400018;

    /// <summary>Availability not found (404): unknown, or no longer today's.</summary>
    public const int AvailabilityNotFound = 400019;

    /// <summary>"MPN Id is not found" (404): a partner id on record that is no partner.</summary>
    public const int ResellerNotFound = 800015;

    /// <summary>"MPN Id is not a valid Indirect Reseller" (400).</summary>
    public const int NotIndirectReseller = 800016;

    /// <summary>"Microsoft Partner Agreement has not been accepted by the indirect reseller" (403).</summary>
    public const int ResellerAgreementNotAccepted = 900123;

    /// <summary>"Your customer account is currently under review" (403): account status UnderReview.</summary>
    public const int AccountUnderReview = 800073;

    /// <summary>The second "under review" code (403): the sandbox answers it for account status Unknown.</summary>
    public const int AccountPendingReview = 800074;

    /// <summary>"Your Customer account was not approved. Transactions for this customer are not allowed" (403): NotAllowed.</summary>
    public const int AccountNotApproved = 800075;

    /// <summary>The customer has no account validation status on record (404); it does not keep it from transacting.</summary>
    public const int NoValidationStatus = 600074;
}
