using System.Globalization;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Resellers;
using BatchOrders.Sandbox.Storage;
using BatchOrders.Sandbox.Subscriptions;

namespace BatchOrders.Sandbox.Orders;

/// <summary>
/// The orders API's business: checks a request against the customer, the catalog (as it stands today) and the ledger,
/// commits it, and builds the answer. Checking and committing happen under the state lock, so concurrent requests
/// see each other's orders.
/// </summary>
internal sealed class OrderBook
{
    private readonly SandboxState _state;
    private readonly LiveCatalog _catalog;
    private readonly CustomerDirectory _customers;
    private readonly ResellerBook _resellers;
    private readonly SubscriptionBook _subscriptions;
    private readonly TimeProvider _time;
    private readonly TimeSpan _completionDelay;
    private readonly int _maxLineItems;
    private readonly OrderIdGenerator _ids;

    // The id generator is shared with the cart checkout, so neither hands out the other's order or subscription ids.
    public OrderBook(SandboxState state, LiveCatalog catalog, CustomerDirectory customers, ResellerBook resellers, SubscriptionBook subscriptions,
        SandboxOptions options, OrderIdGenerator ids, TimeProvider time)
    {
        _state = state;
        _catalog = catalog;
        _customers = customers;
        _resellers = resellers;
        _subscriptions = subscriptions;
        _time = time;
        _completionDelay = options.OrderCompletionDelay;
        _maxLineItems = options.MaxLineItemsPerOrder ?? catalog.MaxLineItemsPerOrder;
        _ids = ids;
    }

    public SandboxAnswer Create(OrderContext context, AnswerKey? answerKey)
    {
        var (request, parseError) = OrderRequestParser.Parse(context.Body);
        if (parseError is not null)
        {
            return parseError;
        }

        if (CheckCommon(context, request!) is { } commonError)
        {
            return commonError;
        }

        if (CheckNumbering(request!.LineItems, 0) is { } numberingError)
        {
            return numberingError;
        }

        var billingCycle = request.BillingCycle is null ? null : BillingCycles.Normalize(request.BillingCycle);
        if (request.BillingCycle is not null && billingCycle is null)
        {
            return Invalid($"BillingCycle '{request.BillingCycle}' is not a billing cycle; use one of {BillingCycles.All}.");
        }

        var offers = new List<CatalogOffer>();
        foreach (var item in request.LineItems)
        {
            if (item.ParentSubscriptionId is not null)
            {
                return SandboxAnswer.Error(400, ErrorCodes.ParentSubscriptionNotSupported,
                    $"ParentSubscriptionId is not supported for this request (line item {item.LineItemNumber}): add-ons are added to the parent's order with PATCH.");
            }

            var (sellable, refusal) = Sellable(context.CustomerId, item);
            if (refusal is not null)
            {
                return refusal;
            }

            var offer = sellable!;

            // Without an order-level billing cycle, the order takes the first cycle of its first offer (the documented
            // default is "Monthly or OneTime": the offer's first cycle is monthly, or one_time for one-time offers).
            billingCycle ??= offer.BillingCycles[0];
            if (offer.IsAddOn)
            {
                return SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                    $"Offer {offer.Id} ({offer.Name}) is an add-on and needs an active parent subscription: PATCH the order of the parent subscription with ParentSubscriptionId set (line item {item.LineItemNumber}).");
            }

            if (CheckOfferRules(item, offer, billingCycle) is { } ruleError)
            {
                return ruleError;
            }

            offers.Add(offer);
        }

        return _state.Use(store =>
        {
            var orderId = _ids.NextOrderId(store);
            var items = request.LineItems.Select((item, i) => ToLedger(item, offers[i], item.LineItemNumber)).ToList();
            var entry = new LedgerOrder(orderId, context.CustomerId, context.RequestId, context.CorrelationId, billingCycle!,
                items, _time.GetUtcNow(), LedgerOrder.CreateKind);
            return Commit(store, entry, [entry], 201, answerKey);
        });
    }

    public SandboxAnswer Patch(OrderContext context, AnswerKey? answerKey)
    {
        var orderId = context.OrderId!;
        var (request, parseError) = OrderRequestParser.Parse(context.Body);
        if (parseError is not null)
        {
            // An unknown order is reported before a bad body, as the service looks the order up first.
            return _state.Use(store => store.ReadOrder(context.CustomerId, orderId)).Count == 0 ? OrderNotFound(context) : parseError;
        }

        return _state.Use(store =>
        {
            var entries = store.ReadOrder(context.CustomerId, orderId);
            if (entries.Count == 0)
            {
                return OrderNotFound(context);
            }

            if (CheckCommon(context, request!) is { } commonError)
            {
                return commonError;
            }

            var existing = entries.Sum(e => e.LineItems.Count);
            var firstNumber = request!.LineItems.Min(i => i.LineItemNumber) == existing ? existing : 0;
            if (CheckNumbering(request.LineItems, firstNumber) is { } numberingError)
            {
                return numberingError;
            }

            // Without a billing cycle (or with the SDK's "unknown"), add-ons take the order's, as Microsoft's samples expect.
            var billingCycle = entries[0].BillingCycle;
            if (request.BillingCycle is not null && !string.Equals(BillingCycles.Normalize(request.BillingCycle), billingCycle, StringComparison.Ordinal))
            {
                return Invalid($"BillingCycle '{request.BillingCycle}' differs from the billing cycle of order {orderId} ({billingCycle}); add-ons take the order's billing cycle.");
            }

            var items = new List<LedgerLineItem>();
            foreach (var item in request.LineItems)
            {
                var (offer, error) = CheckAddOn(store, context, item, billingCycle);
                if (error is not null)
                {
                    return error;
                }

                items.Add(ToLedger(item, offer!, existing + item.LineItemNumber - firstNumber));
            }

            var entry = new LedgerOrder(orderId, context.CustomerId, context.RequestId, context.CorrelationId, billingCycle,
                items, _time.GetUtcNow(), LedgerOrder.PatchKind);
            return Commit(store, entry, [.. entries, entry], 200, answerKey);
        });
    }

    public SandboxAnswer Get(Guid customerId, string orderId)
    {
        var entries = _state.Use(store => store.ReadOrder(customerId, orderId));
        return entries.Count == 0
            ? OrderNotFound(customerId, orderId)
            : SandboxAnswer.Json(200, OrderView.Build(entries, OrderView.StatusAt(entries, _time.GetUtcNow(), _completionDelay), _customers.CurrencyOf(customerId)));
    }

    /// <summary>
    /// A customer's orders, optionally only those of one billing cycle (<c>?billingType=</c>, which the SDK sends as
    /// its enum name, <c>Monthly</c>, <c>OneTime</c>…; <c>unknown</c> or none: every order).
    /// </summary>
    public SandboxAnswer List(Guid customerId, string? billingType)
    {
        string? cycle = null;
        if (!string.IsNullOrWhiteSpace(billingType) && !string.Equals(billingType, "unknown", StringComparison.OrdinalIgnoreCase)
            && (cycle = BillingCycles.Normalize(billingType)) is null)
        {
            return Invalid($"billingType '{billingType}' is not a billing cycle; use one of {BillingCycles.All}.");
        }

        var now = _time.GetUtcNow();
        var currency = _customers.CurrencyOf(customerId);
        var orders = _state.Use(store => store.ReadLedger(customerId))
            .GroupBy(e => e.OrderId, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .Where(entries => cycle is null || string.Equals(entries[0].BillingCycle, cycle, StringComparison.Ordinal))
            .Select(entries => OrderView.Build(entries, OrderView.StatusAt(entries, now, _completionDelay), currency))
            .ToList();
        return SandboxAnswer.Json(200, new ResourceCollection<OrderResource>(orders.Count, orders, new ResourceAttributes("Collection")));
    }

    private static SandboxAnswer Invalid(string description) => SandboxAnswer.Error(400, ErrorCodes.InvalidInput, description);

    private static SandboxAnswer UnknownOffer(LineItemRequest item) => SandboxAnswer.Error(400, ErrorCodes.InvalidOffer,
        $"The offer id '{item.OfferId}' is invalid (line item {item.LineItemNumber}).");

    private static SandboxAnswer OrderNotFound(OrderContext context) => OrderNotFound(context.CustomerId, context.OrderId!);

    private static SandboxAnswer OrderNotFound(Guid customerId, string orderId) => SandboxAnswer.Error(404, ErrorCodes.OrderNotFound,
        $"Order '{orderId}' was not found for customer {customerId:D}.");

    private static LedgerLineItem ToLedger(LineItemRequest item, CatalogOffer offer, int number, Guid subscriptionId) => new(
        number, offer.Id, item.Quantity, item.FriendlyName, item.ParentSubscriptionId, subscriptionId,
        item.TermDuration?.ToUpperInvariant(), item.PromotionId, item.PartnerIdOnRecord);

    private LedgerLineItem ToLedger(LineItemRequest item, CatalogOffer offer, int number) =>
        ToLedger(item, offer, number, _ids.NextSubscriptionId());

    private SandboxAnswer Commit(ISandboxStore store, LedgerOrder entry, IReadOnlyList<LedgerOrder> entries, int statusCode, AnswerKey? answerKey)
    {
        var body = SandboxJson.Serialize(OrderView.Build(entries, OrderView.Pending, _customers.CurrencyOf(entry.CustomerId)));
        store.AppendOrder(entry, answerKey?.Store(statusCode, body, entry.CreatedAt));
        return new SandboxAnswer(statusCode, body) { Stored = answerKey is not null, Committed = entry };
    }

    private SandboxAnswer? CheckCommon(OrderContext context, OrderRequest request)
    {
        if (request.ReferenceCustomerId is { } reference && reference != context.CustomerId)
        {
            return Invalid($"ReferenceCustomerId {reference:D} does not match the customer in the address ({context.CustomerId:D}).");
        }

        var (currency, _) = _customers.CurrencyOf(context.CustomerId);
        if (request.CurrencyCode is { Length: > 0 } asked && !string.Equals(asked, currency, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"CurrencyCode '{asked}' is not the currency of customer {context.CustomerId:D}, who is billed in {currency}; send {currency} or leave it out.");
        }

        if (request.LineItems.Count > _maxLineItems)
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture,
                $"An order request can carry at most {_maxLineItems} line items; this one has {request.LineItems.Count}. Split it into several orders."));
        }

        return null;
    }

    private static SandboxAnswer? CheckNumbering(IReadOnlyList<LineItemRequest> items, int first) =>
        LineItemNumbering.Check([.. items.Select(i => i.LineItemNumber)], first, "Line item numbers");

    private SandboxAnswer? CheckOfferRules(LineItemRequest item, CatalogOffer offer, string billingCycle)
    {
        if (item.PartnerIdOnRecord is { } partner && _resellers.Refusal(partner) is var (status, code, description))
        {
            return SandboxAnswer.Error(status, code, $"{description} (line item {item.LineItemNumber})");
        }

        if (!offer.AllowsBillingCycle(billingCycle))
        {
            return Invalid($"Billing cycle '{billingCycle}' is not available for offer {offer.Id} ({offer.Name}); it allows {string.Join(", ", offer.BillingCycles)} (line item {item.LineItemNumber}).");
        }

        if (item.Quantity < offer.MinQuantity || item.Quantity > offer.MaxQuantity)
        {
            return SandboxAnswer.Error(400, ErrorCodes.QuantityOutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"Quantity {item.Quantity} is out of range for offer {offer.Id} ({offer.Name}): it must be between {offer.MinQuantity} and {offer.MaxQuantity} (line item {item.LineItemNumber})."));
        }

        if (item.TermDuration is { } term)
        {
            if (offer.TermDurations.Count == 0)
            {
                return Invalid($"Offer {offer.Id} ({offer.Name}) takes no TermDuration; remove '{term}' (line item {item.LineItemNumber}).");
            }

            if (!offer.AllowsTermDuration(term))
            {
                return Invalid($"TermDuration '{term}' is not available for offer {offer.Id} ({offer.Name}); it allows {string.Join(", ", offer.TermDurations)} (line item {item.LineItemNumber}).");
            }
        }

        return null;
    }

    /// <summary>The offer of an add-on line of a PATCH and its parent checks, or the error that refuses it.</summary>
    private (CatalogOffer? Offer, SandboxAnswer? Error) CheckAddOn(ISandboxStore store, OrderContext context, LineItemRequest item, string billingCycle)
    {
        var (sellable, refusal) = Sellable(context.CustomerId, item);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var offer = sellable!;

        if (item.ParentSubscriptionId is not { } parentId)
        {
            return (null, offer.IsAddOn
                ? SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                    $"Add-on {offer.Id} ({offer.Name}) needs ParentSubscriptionId: the active subscription it attaches to (line item {item.LineItemNumber}).")
                : Invalid($"Only add-ons (with ParentSubscriptionId) can be added to an existing order; offer {offer.Id} ({offer.Name}) is not an add-on: order it with POST (line item {item.LineItemNumber})."));
        }

        var parent = store.FindSubscription(parentId);
        if (parent is null || parent.CustomerId != context.CustomerId)
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                $"ParentSubscriptionId {parentId:D} is not an active subscription of customer {context.CustomerId:D} (line item {item.LineItemNumber})."));
        }

        if (!string.Equals(parent.OrderId, context.OrderId, StringComparison.Ordinal))
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                $"ParentSubscriptionId {parentId:D} belongs to order {parent.OrderId}, not {context.OrderId}: PATCH the parent subscription's order (line item {item.LineItemNumber})."));
        }

        if (_subscriptions.StatusOf(parentId) is var status && status != SubscriptionBook.Active)
        {
            return (null, SandboxAnswer.Error(409, ErrorCodes.ParentNotActive,
                $"Cannot enable a child subscription, when the parent subscription is not Active: {parentId:D} is {status} (line item {item.LineItemNumber})."));
        }

        if (!offer.AttachesTo(parent.OfferId))
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.AddOnNotRelated,
                $"Offer {offer.Id} ({offer.Name}) is not an add-on of the parent subscription's offer {parent.OfferId} (line item {item.LineItemNumber})."));
        }

        return (offer, CheckOfferRules(item, offer, billingCycle));
    }

    /// <summary>
    /// The offer of a line item if it can be sold to the customer today, else the error: 400 800004 unknown (or an
    /// availability that is no longer today's), 403 2091 no longer sold, 400 800070 not sold in the customer's
    /// country, 403 2085 an education offer for a customer without the qualification.
    /// </summary>
    private (CatalogOffer? Offer, SandboxAnswer? Error) Sellable(Guid customerId, LineItemRequest item)
    {
        var (offer, refusal) = OfferSale.Check(_catalog, item.OfferId, _customers.Find(customerId)!);
        var at = $" (line item {item.LineItemNumber})";
        return refusal?.Kind switch
        {
            null => (offer, null),
            SaleRefusalKind.Unknown => (null, UnknownOffer(item)),
            SaleRefusalKind.StaleAvailability => (null, SandboxAnswer.Error(400, ErrorCodes.InvalidOffer, refusal.Description + at)),
            SaleRefusalKind.NoLongerSold => (null, SandboxAnswer.Error(403, ErrorCodes.OfferNoLongerAvailable, refusal.Description + at)),
            SaleRefusalKind.NotInCountry => (null, SandboxAnswer.Error(400, ErrorCodes.OfferNotInCountry, refusal.Description + at)),
            _ => (null, SandboxAnswer.Error(403, ErrorCodes.OfferNotEligible, "The offer is not eligible for purchase. " + refusal.Description + at)),
        };
    }
}
