using System.Globalization;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;

namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// The carts API's business: creates and updates carts (each line checked against the customer and the catalog and
/// put in an order group), reads them back, and checks them out into one order per order group. A checkout is accepted and committed under the
/// state lock in two steps with <see cref="SandboxOptions.CheckoutDuration"/> between them; while it runs, another
/// checkout of the cart gets 800064. Once checked out, a cart answers every later checkout with its stored result
/// (or 800065, see <see cref="RepeatedCheckout"/>).
/// </summary>
internal sealed class CartBook
{
    private static readonly int CartIdSeedSalt = 0x5CA27;

    private readonly SandboxState _state;
    private readonly LiveCatalog _catalog;
    private readonly CustomerDirectory _customers;
    private readonly CartLineChecker _checker;
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly OrderIdGenerator _orderIds;
    private readonly OrderIdGenerator _cartIds;
    private readonly Random _refusals;
    private readonly int _maxLineItems;
    private readonly HashSet<string> _checkingOut = new(StringComparer.Ordinal);

    // Order and subscription ids come from the order book's generator, so neither hands out the other's ids.
    public CartBook(SandboxState state, LiveCatalog catalog, CustomerDirectory customers, CartLineChecker checker, SandboxOptions options, int seed,
        OrderIdGenerator orderIds, TimeProvider time)
    {
        _state = state;
        _catalog = catalog;
        _customers = customers;
        _checker = checker;
        _options = options;
        _time = time;
        _orderIds = orderIds;
        var carts = state.Use(s => s.CountCarts());
        _cartIds = new OrderIdGenerator(seed ^ CartIdSeedSalt, carts);
#pragma warning disable CA5394 // Seeded on purpose: a seed replays which order groups are refused.
        _refusals = new Random(unchecked((seed * 31) + carts + CartIdSeedSalt));
#pragma warning restore CA5394
        _maxLineItems = options.MaxLineItemsPerOrder ?? catalog.MaxLineItemsPerOrder;
    }

    /// <summary>Checkouts accepted and not yet committed (or abandoned because the sandbox stopped).</summary>
    public int CheckoutsInProgress => _state.Use(_ => _checkingOut.Count);

    public SandboxAnswer Create(CartContext context, AnswerKey? answerKey)
    {
        var (lines, problem) = CheckedLines(context);
        if (problem is not null)
        {
            return problem;
        }

        return _state.Use(store =>
        {
            var cartId = _cartIds.NextGuid().ToString("D");
            while (store.CartExists(cartId))
            {
                cartId = _cartIds.NextGuid().ToString("D");
            }

            var now = _time.GetUtcNow();
            var cart = new CartRecord(cartId, context.CustomerId, context.RequestId, context.CorrelationId, now,
                now + _options.CartLifetime, now, CartRecord.Active, lines!, CheckoutResult: null);
            var body = SandboxJson.Serialize(CartView.Build(cart, Currency(cart)));
            store.AddCart(cart, answerKey?.Store(201, body, now));
            return new SandboxAnswer(201, body) { Stored = answerKey is not null, CartCommitted = new CartCommit(CheckedOut: false) };
        });
    }

    /// <summary>
    /// <c>PUT …/carts/{id}</c> ("Update a cart"): the active cart's line items are replaced by the body's, checked as
    /// at creation; its id and expiry stay. Answered 201 with the cart, as documented.
    /// </summary>
    public SandboxAnswer Update(CartContext context, AnswerKey? answerKey)
    {
        var (lines, problem) = CheckedLines(context);
        return _state.Use(store =>
        {
            var cart = store.FindCart(context.CustomerId, Canonical(context.CartId!));
            if (Gone(cart, context.CustomerId, context.CartId!) is { } gone)
            {
                return gone;
            }

            if (cart!.IsOrdered)
            {
                return SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"The cart {cart.CartId} was checked out; it can no longer be updated. Create a new cart.");
            }

            if (problem is not null)
            {
                return problem;
            }

            var now = _time.GetUtcNow();
            var updated = cart with { LineItems = lines!, LastModifiedAt = now };
            var body = SandboxJson.Serialize(CartView.Build(updated, Currency(updated)));
            store.UpdateCart(updated, answerKey?.Store(201, body, now));
            return new SandboxAnswer(201, body) { Stored = answerKey is not null };
        });
    }

    public SandboxAnswer Get(Guid customerId, string cartId)
    {
        var cart = _state.Use(store => store.FindCart(customerId, Canonical(cartId)));
        return Gone(cart, customerId, cartId) ?? SandboxAnswer.Json(200, CartView.Build(cart!, Currency(cart!)));
    }

    public async Task<SandboxAnswer> CheckoutAsync(CartContext context, AnswerKey? answerKey, CancellationToken stopping)
    {
        var (cart, processing, refusal) = _state.Use(store => Accept(store, context, stopping));
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            // The checkout goes on when the client gives up waiting, as the service's would; only a stop cuts it off.
            await processing;
            return _state.Use(store => Commit(store, cart!, context, answerKey));
        }
        finally
        {
            _state.Use(_ => _checkingOut.Remove(cart!.CartId));
        }
    }

    /// <summary>
    /// Refuses the checkout, or marks the cart as being checked out and starts the processing time (under the state
    /// lock, so a cart counted in <see cref="CheckoutsInProgress"/> already has its timer running).
    /// </summary>
    private (CartRecord? Cart, Task Processing, SandboxAnswer? Refusal) Accept(ISandboxStore store, CartContext context, CancellationToken stopping)
    {
        var cart = store.FindCart(context.CustomerId, Canonical(context.CartId!));
        if (Gone(cart, context.CustomerId, context.CartId!) is { } gone)
        {
            return (null, Task.CompletedTask, gone);
        }

        if (cart!.IsOrdered)
        {
            return (null, Task.CompletedTask, _options.RepeatedCheckout == RepeatedCheckout.Replay
                ? new SandboxAnswer(201, cart.CheckoutResult!) { Replayed = true }
                : SandboxAnswer.Error(400, CartErrorCodes.CartAlreadySubmitted,
                    $"Cannot check out an already submitted cart {cart.CartId}: it was checked out at {Timestamp(cart.LastModifiedAt)}. Read the customer's orders to see what it created."));
        }

        if (_checkingOut.Contains(cart.CartId))
        {
            return (null, Task.CompletedTask, SandboxAnswer.Error(409, CartErrorCodes.CartProcessedByAnotherRequest,
                $"The cart {cart.CartId} is being processed by another request. Check it out again in a moment to get its result."));
        }

        var failing = cart.LineItems.Where(l => l.Error is not null).Select(l => l.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        if (failing.Count > 0)
        {
            return (null, Task.CompletedTask, SandboxAnswer.Error(400, CartErrorCodes.CartItemError,
                $"Error in the cart items: line item(s) {string.Join(", ", failing)} of cart {cart.CartId} hold errors (see each line item's error), so nothing was ordered. Create a new cart without them."));
        }

        _checkingOut.Add(cart.CartId);
        var processing = _options.CheckoutDuration > TimeSpan.Zero ? Task.Delay(_options.CheckoutDuration, _time, stopping) : Task.CompletedTask;
        return (cart, processing, null);
    }

    private SandboxAnswer Commit(ISandboxStore store, CartRecord cart, CartContext context, AnswerKey? answerKey)
    {
        var now = _time.GetUtcNow();
        var orders = new List<LedgerOrder>();
        var errors = new List<OrderErrorResource>();
        var seededRefusals = 0;
        foreach (var group in cart.LineItems.Where(l => l.OrderGroup is not null)
                     .GroupBy(l => l.OrderGroup!, StringComparer.Ordinal)
                     .OrderBy(g => int.Parse(g.Key, CultureInfo.InvariantCulture)))
        {
            // One draw per group whatever happens, so the refusals a seed gives do not depend on the catalog's refusals.
#pragma warning disable CA5394
            var draw = _refusals.NextDouble();
#pragma warning restore CA5394
            var items = group.ToList();
            if (Refusal(items, group.Key, draw) is ({ } refused, var seeded))
            {
                errors.Add(refused);
                seededRefusals += seeded ? 1 : 0;
                continue;
            }

            var lineItems = items.Select((l, number) => new LedgerLineItem(number, l.CatalogItemId, l.Quantity, l.FriendlyName,
                Guid.TryParse(CartLineChecker.ParentOf(l), out var parent) ? parent : null,
                _orderIds.NextSubscriptionId(), l.TermDuration, l.PromotionId, l.PartnerIdOnRecord)).ToList();
            orders.Add(new LedgerOrder(_orderIds.NextOrderId(store), cart.CustomerId, context.RequestId, context.CorrelationId,
                items[0].BillingCycle, lineItems, now, LedgerOrder.CreateKind, cart.CartId));
        }

        var result = new CartCheckoutResultResource(
            [.. orders.Select(o => OrderView.Build([o], OrderView.Pending, Currency(cart)))], errors, new ResourceAttributes("CartCheckoutResult"));
        var body = SandboxJson.Serialize(result);

        // With AlreadySubmittedError even the first checkout's request id gets 800065 later, so nothing is kept under it.
        var stored = _options.RepeatedCheckout == RepeatedCheckout.Replay ? answerKey?.Store(201, body, now) : null;
        store.CheckOutCart(cart with { Status = CartRecord.Ordered, LastModifiedAt = now, CheckoutResult = body }, orders, stored);
        return new SandboxAnswer(201, body)
        {
            Stored = stored is not null,
            CartCommitted = new CartCommit(CheckedOut: true, orders.Count, seededRefusals),
        };
    }

    /// <summary>The order error of a group that is refused, and whether the refusal was drawn (rather than the catalog's).</summary>
    private (OrderErrorResource? Error, bool Seeded) Refusal(List<CartLine> items, string group, double draw)
    {
        foreach (var item in items)
        {
            if (_catalog.FindAnyGeneration(item.CatalogItemId)?.CheckoutRefusal is { } refusal)
            {
                return (new OrderErrorResource(group, refusal.Code,
                    $"{refusal.Description} Catalog item {item.CatalogItemId} (cart line item {item.Id}); nothing was ordered for order group {group}."), false);
            }
        }

        return draw < _options.OrderGroupRefusalRate
            ? (new OrderErrorResource(group, CartErrorCodes.InventoryNotAvailable,
                $"Inventory is not available for catalog item {items[0].CatalogItemId} (cart line item {items[0].Id}); nothing was ordered for order group {group}."), true)
            : (null, false);
    }

    /// <summary>The body's line items checked against the customer and the catalog, or the 400 for a body that cannot be a cart.</summary>
    private (IReadOnlyList<CartLine>? Lines, SandboxAnswer? Problem) CheckedLines(CartContext context)
    {
        var (requested, parseError) = CartRequestParser.Parse(context.Body);
        if (parseError is not null)
        {
            return (null, parseError);
        }

        if (requested!.Count > _maxLineItems)
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture,
                $"A cart can hold at most {_maxLineItems} line items; this one has {requested.Count}. Split it into several carts.")));
        }

        return LineItemNumbering.Check([.. requested.Select(l => l.Id)], 0, "Cart line item ids") is { } numberingError
            ? (null, numberingError)
            : (_checker.Check(requested, _customers.Find(context.CustomerId)!), null);
    }

    private (string Code, string Symbol) Currency(CartRecord cart) => _customers.CurrencyOf(cart.CustomerId);

    /// <summary>404 800008 for a cart this customer does not have, or an active cart past its expiration.</summary>
    private SandboxAnswer? Gone(CartRecord? cart, Guid customerId, string cartId)
    {
        if (cart is null)
        {
            return SandboxAnswer.Error(404, CartErrorCodes.CartNotFound, $"Unable to retrieve cart id '{cartId}' for customer {customerId:D}.");
        }

        return cart.IsExpiredAt(_time.GetUtcNow())
            ? SandboxAnswer.Error(404, CartErrorCodes.CartNotFound,
                $"Unable to retrieve cart id '{cartId}': the cart expired at {Timestamp(cart.ExpiresAt)} without being checked out (carts expire {_options.CartLifetime.TotalDays.ToString("0.###", CultureInfo.InvariantCulture)} days after they are created). Nothing was ordered from it: create a new cart.")
            : null;
    }

    /// <summary>Cart ids are GUIDs, kept in their lower-case "D" form; a client may send them in any case.</summary>
    private static string Canonical(string cartId) => Guid.TryParse(cartId, out var id) ? id.ToString("D") : cartId;

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
