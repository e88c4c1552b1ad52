namespace BatchOrders.Journal;

/// <summary>
/// One change of an order's state, with what it records: a <see cref="OrderTransition"/> and its data. Applied by
/// <see cref="BatchJournal.Apply"/> only from the states <see cref="OrderStateMachine"/> allows, in one commit
/// together with the HTTP <see cref="Attempt"/> that caused it, when there is one.
/// </summary>
public abstract record OrderChange
{
    private protected OrderChange()
    {
    }

    /// <summary>The transition this change takes.</summary>
    public abstract OrderTransition Transition { get; }

    /// <summary>The HTTP attempt that caused the change, logged in the same commit (one fsync instead of two).</summary>
    public AttemptNote? Attempt { get; init; }

    /// <summary>The columns this change sets besides state and updated_at, as SQL assignments and their values.</summary>
    internal abstract (string Assignments, object? Values) Columns(JournalOrder current);

    /// <summary>The order is about to be sent: Sending, with the time its request id was first used.</summary>
    public sealed record Send : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Send;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("request_first_used_at = COALESCE(request_first_used_at, @now), submitted_at = COALESCE(submitted_at, @now)", null);
    }

    /// <summary>
    /// Partner Center created the order: its id and, per line item number, the subscription it made. Every line
    /// this request carried is bought by it; lines bought before keep their purchase.
    /// </summary>
    public sealed record Succeed(string PartnerOrderId, int HttpStatus, IReadOnlyDictionary<int, string> SubscriptionIds) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Succeed;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => l.IsBought ? l : l with
            {
                PartnerOrderId = PartnerOrderId,
                SubscriptionId = SubscriptionIds.GetValueOrDefault(l.LineItemNumber) ?? l.SubscriptionId,
                ErrorCode = null,
                ErrorMessage = null,
            }).ToList();
            return ("partner_order_id = @PartnerOrderId, http_status = @HttpStatus, error_code = NULL, error_message = NULL, line_items_json = @lines, completed_at = @now",
                new { PartnerOrderId, HttpStatus, lines = BatchJournal.ToJson(lines) });
        }
    }

    /// <summary>A definitive business refusal of every line the request carried, kept with Partner Center's code and description.</summary>
    public sealed record Fail(int? HttpStatus, string? ErrorCode, string Message) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Fail;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => l.IsBought ? l : l with { ErrorCode = ErrorCode, ErrorMessage = Message }).ToList();
            return ("http_status = @HttpStatus, error_code = @ErrorCode, error_message = @Message, line_items_json = @lines, completed_at = @now",
                new { HttpStatus, ErrorCode, Message, lines = BatchJournal.ToJson(lines) });
        }
    }

    /// <summary>No definitive answer this run: the order stays in flight with the reason, and is resent with the same request id.</summary>
    public sealed record KeepInFlight(int? HttpStatus, string? ErrorCode, string Message) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.KeepInFlight;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("http_status = @HttpStatus, error_code = @ErrorCode, error_message = @Message", new { HttpStatus, ErrorCode, Message });
    }

    /// <summary>The request never left (stopped first) or was refused before processing (401, 403): Pending again, same request id.</summary>
    public sealed record Unsend(int? HttpStatus = null, string? ErrorCode = null, string? Message = null) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Unsend;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("http_status = @HttpStatus, error_code = @ErrorCode, error_message = @Message", new { HttpStatus, ErrorCode, Message });
    }

    /// <summary>To be sent again with a new request id: the old one already got a definitive answer. Earlier refusals of its lines are cleared.</summary>
    public sealed record Reopen(Guid RequestId) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Reopen;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => l with { ErrorCode = null, ErrorMessage = null }).ToList();
            return ("request_id = @requestId, request_first_used_at = NULL, http_status = NULL, error_code = NULL, error_message = NULL, superseded_by = NULL, completed_at = NULL, line_items_json = @lines",
                new { requestId = RequestId.ToString(), lines = BatchJournal.ToJson(lines) });
        }
    }

    /// <summary>Its rows changed after the order of the same slot succeeded (<paramref name="Message"/> says so): never sent.</summary>
    public sealed record MarkConflict(string Message) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.MarkConflict;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("http_status = NULL, error_code = NULL, error_message = @Message, superseded_by = NULL, completed_at = NULL", new { Message });
    }

    /// <summary>Replaced by a newer version of its rows (<paramref name="ReplacedBy"/>, its order key), or its rows left the file.</summary>
    public sealed record Supersede(string? ReplacedBy) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Supersede;

        internal override (string, object?) Columns(JournalOrder current) => ("superseded_by = @ReplacedBy", new { ReplacedBy });
    }

    /// <summary>Every line of it is bought, by other versions of the order: done without a request of its own.</summary>
    public sealed record Fulfil : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Fulfil;

        internal override (string, object?) Columns(JournalOrder current)
        {
            if (current.LineItems.Any(l => !l.IsBought))
            {
                throw new InvalidOperationException($"Order {current.OrderKey} still has lines to buy; it cannot be fulfilled.");
            }

            return ("partner_order_id = @partnerOrderId, http_status = NULL, error_code = NULL, error_message = NULL, superseded_by = NULL, completed_at = @now",
                new { partnerOrderId = current.LineItems.Select(l => l.PartnerOrderId).FirstOrDefault() });
        }
    }

    /// <summary>Cart path: the cart exists; its id, expiry and each line's order group, and the checkout's request id, journaled before the checkout is sent.</summary>
    public sealed record CartReady(string CartId, DateTimeOffset? ExpiresAt, Guid CheckoutRequestId, IReadOnlyDictionary<int, string?> OrderGroups) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.CartReady;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => OrderGroups.TryGetValue(l.LineItemNumber, out var group) ? l with { CartOrderGroup = group } : l).ToList();
            return ("cart_id = @CartId, cart_expires_at = @expires, checkout_request_id = @checkout, line_items_json = @lines",
                new { CartId, expires = JournalTime.Format(ExpiresAt), checkout = CheckoutRequestId.ToString(), lines = BatchJournal.ToJson(lines) });
        }
    }

    /// <summary>Cart path: the cart expired and nothing of it was bought: a new cart, with <paramref name="RequestId"/>, replaces it.</summary>
    public sealed record CartExpired(Guid RequestId) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.CartExpired;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("request_id = @requestId, request_first_used_at = NULL, cart_id = NULL, cart_expires_at = NULL, checkout_request_id = NULL",
                new { requestId = RequestId.ToString() });
    }

    /// <summary>
    /// Cart path, before its cart was journaled: the lines to buy carry other catalog item ids now (availabilities
    /// reissued since the order was first sent), so a new cart, with <paramref name="RequestId"/>, replaces any the
    /// old request made. Only an order without a cart id may take it: with one, a checkout may have been sent.
    /// </summary>
    public sealed record CartRenewed(Guid RequestId, IReadOnlyList<JournalLineItem> Lines) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.CartRenewed;

        internal override (string, object?) Columns(JournalOrder current)
        {
            if (current.CartId is not null)
            {
                throw new InvalidOperationException($"Order {current.OrderKey} has a cart that may have been checked out; its requests are resent as they were.");
            }

            return ("request_id = @requestId, request_first_used_at = NULL, line_items_json = @lines",
                new { requestId = RequestId.ToString(), lines = BatchJournal.ToJson(Lines) });
        }
    }

    /// <summary>
    /// What became of each line still to buy (a checkout, or the customer's orders read back): Succeed when every
    /// line is bought, else Fail with the refused lines' codes; a line bought stays bought either way.
    /// </summary>
    public sealed record Settle(int? HttpStatus, IReadOnlyDictionary<int, LineOutcome> Lines) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => Lines.Values.All(l => l.PartnerOrderId is not null) ? OrderTransition.Succeed : OrderTransition.Fail;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => l.IsBought || !Lines.TryGetValue(l.LineItemNumber, out var outcome) ? l : l with
            {
                PartnerOrderId = outcome.PartnerOrderId,
                SubscriptionId = outcome.SubscriptionId ?? l.SubscriptionId,
                ErrorCode = outcome.PartnerOrderId is null ? outcome.ErrorCode : null,
                ErrorMessage = outcome.PartnerOrderId is null ? outcome.ErrorMessage : null,
            }).ToList();
            var refused = lines.FirstOrDefault(l => !l.IsBought);
            return ("partner_order_id = @partnerOrderId, http_status = @HttpStatus, error_code = @code, error_message = @message, line_items_json = @lines, completed_at = @now",
                new
                {
                    partnerOrderId = lines.Select(l => l.PartnerOrderId).FirstOrDefault(id => id is not null),
                    HttpStatus,
                    code = refused?.ErrorCode,
                    message = refused is null ? null : Summary(lines),
                    lines = BatchJournal.ToJson(lines),
                });
        }

        /// <summary>The order-level message of a partly refused order: how many lines were refused and the first reason.</summary>
        private static string Summary(List<JournalLineItem> lines)
        {
            var refused = lines.Where(l => !l.IsBought).ToList();
            var bought = lines.Count - refused.Count;
            return bought == 0 ? refused[0].ErrorMessage ?? "Refused."
                : $"{refused.Count} of {lines.Count} lines were refused ({refused[0].ErrorMessage}); the other {bought} were bought.";
        }
    }
}
