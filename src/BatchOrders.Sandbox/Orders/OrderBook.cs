using System.Globalization;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;

namespace BatchOrders.Sandbox.Orders;

/// <summary>
/// The orders API's business: checks a request against the catalog and the ledger, commits it, and builds the answer.
/// Checking and committing happen under the state lock, so concurrent requests see each other's orders.
/// </summary>
internal sealed class OrderBook
{
    private readonly SandboxState _state;
    private readonly SandboxCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly TimeSpan _completionDelay;
    private readonly int _maxLineItems;
    private readonly OrderIdGenerator _ids;

    // The id generator is shared with the cart checkout, so neither hands out the other's order or subscription ids.
    public OrderBook(SandboxState state, SandboxCatalog catalog, SandboxOptions options, OrderIdGenerator ids, TimeProvider time)
    {
        _state = state;
        _catalog = catalog;
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

            if (_catalog.Find(item.OfferId) is not { } offer)
            {
                return UnknownOffer(item);
            }

            // Without an order-level billing cycle, the order takes the first cycle of its first offer.
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

            var billingCycle = entries[0].BillingCycle;
            if (request.BillingCycle is not null && !string.Equals(BillingCycles.Normalize(request.BillingCycle), billingCycle, StringComparison.Ordinal))
            {
                return Invalid($"BillingCycle '{request.BillingCycle}' differs from the billing cycle of order {orderId} ({billingCycle}); add-ons take the order's billing cycle.");
            }

            var items = new List<LedgerLineItem>();
            foreach (var item in request.LineItems)
            {
                if (CheckAddOn(store, context, item, billingCycle) is { } error)
                {
                    return error;
                }

                items.Add(ToLedger(item, _catalog.Find(item.OfferId)!, existing + item.LineItemNumber - firstNumber));
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
            : SandboxAnswer.Json(200, OrderView.Build(entries, OrderView.StatusAt(entries, _time.GetUtcNow(), _completionDelay)));
    }

    public SandboxAnswer List(Guid customerId)
    {
        var now = _time.GetUtcNow();
        var orders = _state.Use(store => store.ReadLedger(customerId))
            .GroupBy(e => e.OrderId, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .Select(entries => OrderView.Build(entries, OrderView.StatusAt(entries, now, _completionDelay)))
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

    private static SandboxAnswer Commit(ISandboxStore store, LedgerOrder entry, IReadOnlyList<LedgerOrder> entries, int statusCode, AnswerKey? answerKey)
    {
        var body = SandboxJson.Serialize(OrderView.Build(entries, OrderView.Pending));
        store.AppendOrder(entry, answerKey?.Store(statusCode, body, entry.CreatedAt));
        return new SandboxAnswer(statusCode, body) { Stored = answerKey is not null, Committed = entry };
    }

    private SandboxAnswer? CheckCommon(OrderContext context, OrderRequest request)
    {
        if (request.ReferenceCustomerId is { } reference && reference != context.CustomerId)
        {
            return Invalid($"ReferenceCustomerId {reference:D} does not match the customer in the address ({context.CustomerId:D}).");
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

    private static SandboxAnswer? CheckOfferRules(LineItemRequest item, CatalogOffer offer, string billingCycle)
    {
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

    private SandboxAnswer? CheckAddOn(ISandboxStore store, OrderContext context, LineItemRequest item, string billingCycle)
    {
        if (_catalog.Find(item.OfferId) is not { } offer)
        {
            return UnknownOffer(item);
        }

        if (item.ParentSubscriptionId is not { } parentId)
        {
            return offer.IsAddOn
                ? SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                    $"Add-on {offer.Id} ({offer.Name}) needs ParentSubscriptionId: the active subscription it attaches to (line item {item.LineItemNumber}).")
                : Invalid($"Only add-ons (with ParentSubscriptionId) can be added to an existing order; offer {offer.Id} ({offer.Name}) is not an add-on: order it with POST (line item {item.LineItemNumber}).");
        }

        var parent = store.FindSubscription(parentId);
        if (parent is null || parent.CustomerId != context.CustomerId)
        {
            return SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                $"ParentSubscriptionId {parentId:D} is not an active subscription of customer {context.CustomerId:D} (line item {item.LineItemNumber}).");
        }

        if (!string.Equals(parent.OrderId, context.OrderId, StringComparison.Ordinal))
        {
            return SandboxAnswer.Error(400, ErrorCodes.NotAnActiveSubscription,
                $"ParentSubscriptionId {parentId:D} belongs to order {parent.OrderId}, not {context.OrderId}: PATCH the parent subscription's order (line item {item.LineItemNumber}).");
        }

        if (!offer.AttachesTo(parent.OfferId))
        {
            return SandboxAnswer.Error(400, ErrorCodes.AddOnNotRelated,
                $"Offer {offer.Id} ({offer.Name}) is not an add-on of the parent subscription's offer {parent.OfferId} (line item {item.LineItemNumber}).");
        }

        return CheckOfferRules(item, offer, billingCycle);
    }
}
