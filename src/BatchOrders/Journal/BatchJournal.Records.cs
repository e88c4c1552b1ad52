using System.Text.Json;
using BatchOrders.Planning;

namespace BatchOrders.Journal;

/// <summary>The journal's rows as SQLite returns them (Dapper maps columns to these by name).</summary>
public sealed partial class BatchJournal
{
    private sealed class OrderRecord
    {
        public const string Select = $"SELECT {Columns} FROM orders";

        public const string Columns =
            "order_key AS OrderKey, group_key AS GroupKey, sequence AS Sequence, customer_id AS CustomerId, billing_cycle AS BillingCycle, " +
            "target_order_id AS TargetOrderId, line_items_json AS LineItemsJson, state AS State, request_id AS RequestId, correlation_id AS CorrelationId, " +
            "attempts AS Attempts, request_first_used_at AS RequestFirstUsedAt, partner_order_id AS PartnerOrderId, http_status AS HttpStatus, " +
            "error_code AS ErrorCode, error_message AS ErrorMessage, superseded_by AS SupersededBy, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
            "submitted_at AS SubmittedAt, completed_at AS CompletedAt, family_key AS FamilyKey, path AS Path, cart_id AS CartId, " +
            "cart_expires_at AS CartExpiresAt, checkout_request_id AS CheckoutRequestId";

        public string OrderKey { get; set; } = string.Empty;

        public string GroupKey { get; set; } = string.Empty;

        public long Sequence { get; set; }

        public string CustomerId { get; set; } = string.Empty;

        public string? BillingCycle { get; set; }

        public string? TargetOrderId { get; set; }

        public string LineItemsJson { get; set; } = "[]";

        public string State { get; set; } = string.Empty;

        public string RequestId { get; set; } = string.Empty;

        public string CorrelationId { get; set; } = string.Empty;

        public long Attempts { get; set; }

        public string? RequestFirstUsedAt { get; set; }

        public string? PartnerOrderId { get; set; }

        public long? HttpStatus { get; set; }

        public string? ErrorCode { get; set; }

        public string? ErrorMessage { get; set; }

        public string? SupersededBy { get; set; }

        public string CreatedAt { get; set; } = string.Empty;

        public string UpdatedAt { get; set; } = string.Empty;

        public string? SubmittedAt { get; set; }

        public string? CompletedAt { get; set; }

        public string FamilyKey { get; set; } = string.Empty;

        public string Path { get; set; } = nameof(PurchasePath.Order);

        public string? CartId { get; set; }

        public string? CartExpiresAt { get; set; }

        public string? CheckoutRequestId { get; set; }

        public JournalOrder ToOrder() => new()
        {
            OrderKey = OrderKey,
            GroupKey = GroupKey,
            Sequence = (int)Sequence,
            CustomerId = CustomerId,
            BillingCycle = BillingCycle,
            TargetOrderId = TargetOrderId,
            LineItems = JsonSerializer.Deserialize<JournalLineItem[]>(LineItemsJson, Json)!,
            State = Enum.Parse<OrderState>(State),
            RequestId = Guid.Parse(RequestId),
            CorrelationId = Guid.Parse(CorrelationId),
            Attempts = (int)Attempts,
            RequestFirstUsedAt = JournalTime.ParseOrNull(RequestFirstUsedAt),
            PartnerOrderId = PartnerOrderId,
            HttpStatus = (int?)HttpStatus,
            ErrorCode = ErrorCode,
            ErrorMessage = ErrorMessage,
            SupersededBy = SupersededBy,
            CreatedAt = JournalTime.Parse(CreatedAt),
            UpdatedAt = JournalTime.Parse(UpdatedAt),
            SubmittedAt = JournalTime.ParseOrNull(SubmittedAt),
            CompletedAt = JournalTime.ParseOrNull(CompletedAt),
            FamilyKey = FamilyKey,
            Path = Enum.Parse<PurchasePath>(Path),
            CartId = CartId,
            CartExpiresAt = JournalTime.ParseOrNull(CartExpiresAt),
            CheckoutRequestId = CheckoutRequestId is null ? null : Guid.Parse(CheckoutRequestId),
        };
    }

    private sealed class BatchRecord
    {
        public string BatchId { get; set; } = string.Empty;

        public string InputName { get; set; } = string.Empty;

        public string InputPath { get; set; } = string.Empty;

        public string InputSha256 { get; set; } = string.Empty;

        public string? Sheet { get; set; }

        public string HeadersJson { get; set; } = "[]";

        public string Target { get; set; } = string.Empty;

        public string CreatedAt { get; set; } = string.Empty;

        public string UpdatedAt { get; set; } = string.Empty;

        public JournalBatch ToBatch() => new(
            BatchId, InputName, InputPath, InputSha256, Sheet, JsonSerializer.Deserialize<string[]>(HeadersJson, Json)!, BatchOrders.Target.FromName(Target),
            JournalTime.Parse(CreatedAt), JournalTime.Parse(UpdatedAt));
    }

    private sealed class RowRecord
    {
        public string Sheet { get; set; } = string.Empty;

        public int RowNumber { get; set; }

        public string CellsJson { get; set; } = "[]";

        public string ContentHash { get; set; } = string.Empty;

        public string? OrderKey { get; set; }

        public int? LineItemNumber { get; set; }
    }

    private sealed class RunRecord
    {
        public long Id { get; set; }

        public string StartedAt { get; set; } = string.Empty;

        public string? EndedAt { get; set; }

        public string InputSha256 { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public int? ExitCode { get; set; }

        public string? ToolVersion { get; set; }
    }

    private sealed class AttemptRecord
    {
        public string OrderKey { get; set; } = string.Empty;

        public string RequestId { get; set; } = string.Empty;

        public string At { get; set; } = string.Empty;

        public int? HttpStatus { get; set; }

        public string Outcome { get; set; } = string.Empty;

        public string? ErrorCode { get; set; }

        public string? Message { get; set; }
    }
}
