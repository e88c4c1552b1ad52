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

    /// <summary>Partner Center created the order: its id and, per line item number, the subscription it made.</summary>
    public sealed record Succeed(string PartnerOrderId, int HttpStatus, IReadOnlyDictionary<int, string> SubscriptionIds) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Succeed;

        internal override (string, object?) Columns(JournalOrder current)
        {
            var lines = current.LineItems.Select(l => l with { SubscriptionId = SubscriptionIds.GetValueOrDefault(l.LineItemNumber) ?? l.SubscriptionId }).ToList();
            return ("partner_order_id = @PartnerOrderId, http_status = @HttpStatus, error_code = NULL, error_message = NULL, line_items_json = @lines, completed_at = @now",
                new { PartnerOrderId, HttpStatus, lines = BatchJournal.ToJson(lines) });
        }
    }

    /// <summary>A definitive business refusal, kept with Partner Center's code and description.</summary>
    public sealed record Fail(int? HttpStatus, string? ErrorCode, string Message) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Fail;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("http_status = @HttpStatus, error_code = @ErrorCode, error_message = @Message, completed_at = @now", new { HttpStatus, ErrorCode, Message });
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

    /// <summary>To be sent again with a new request id: the old one already got a definitive answer.</summary>
    public sealed record Reopen(Guid RequestId) : OrderChange
    {
        /// <inheritdoc />
        public override OrderTransition Transition => OrderTransition.Reopen;

        internal override (string, object?) Columns(JournalOrder current) =>
            ("request_id = @requestId, request_first_used_at = NULL, http_status = NULL, error_code = NULL, error_message = NULL, superseded_by = NULL, completed_at = NULL",
                new { requestId = RequestId.ToString() });
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
}
