using System.Text.Json;
using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Pipeline;
using Dapper;

namespace BatchOrders.Sandbox.Storage;

/// <summary>The carts table: a cart's line items as JSON, its status, and once checked out the answer it gave.</summary>
internal sealed partial class SqliteSandboxStore
{
    private const string CartColumns = """
        cart_id AS CartId, customer_id AS CustomerId, request_id AS RequestId, correlation_id AS CorrelationId,
        created_at AS CreatedAt, expires_at AS ExpiresAt, last_modified_at AS LastModifiedAt, status AS Status,
        line_items AS LineItems, checkout_result AS CheckoutResult
        """;

    public void AddCart(CartRecord cart, StoredAnswer? answer)
    {
        using var transaction = _connection.BeginTransaction();
        _connection.Execute(
            """
            INSERT INTO carts (cart_id, customer_id, request_id, correlation_id, created_at, expires_at, last_modified_at,
                               status, line_items, checkout_result)
            VALUES (@CartId, @CustomerId, @RequestId, @CorrelationId, @CreatedAt, @ExpiresAt, @LastModifiedAt,
                    @Status, @LineItems, @CheckoutResult)
            """,
            CartParameters(cart),
            transaction);
        if (answer is not null)
        {
            SaveAnswer(answer, transaction);
        }

        transaction.Commit();
    }

    public void UpdateCart(CartRecord cart, StoredAnswer? answer)
    {
        using var transaction = _connection.BeginTransaction();
        _connection.Execute(
            "UPDATE carts SET last_modified_at = @LastModifiedAt, line_items = @LineItems WHERE cart_id = @CartId",
            CartParameters(cart),
            transaction);
        if (answer is not null)
        {
            SaveAnswer(answer, transaction);
        }

        transaction.Commit();
    }

    public CartRecord? FindCart(Guid customerId, string cartId)
    {
        var row = _connection.QuerySingleOrDefault<CartRow>(
            $"SELECT {CartColumns} FROM carts WHERE cart_id = @CartId AND customer_id = @CustomerId",
            new { CartId = cartId, CustomerId = Text(customerId) });
        return row is null
            ? null
            : new CartRecord(
                row.CartId,
                Guid.Parse(row.CustomerId),
                ParseGuid(row.RequestId),
                ParseGuid(row.CorrelationId),
                ParseTimestamp(row.CreatedAt),
                ParseTimestamp(row.ExpiresAt),
                ParseTimestamp(row.LastModifiedAt),
                row.Status,
                JsonSerializer.Deserialize<List<CartLine>>(row.LineItems, SandboxJson.Options) ?? [],
                row.CheckoutResult);
    }

    public bool CartExists(string cartId) =>
        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM carts WHERE cart_id = @CartId", new { CartId = cartId }) > 0;

    public int CountCarts() => (int)_connection.ExecuteScalar<long>("SELECT COUNT(*) FROM carts");

    public void CheckOutCart(CartRecord cart, IReadOnlyList<LedgerOrder> orders, StoredAnswer? answer)
    {
        using var transaction = _connection.BeginTransaction();
        _connection.Execute(
            """
            UPDATE carts SET last_modified_at = @LastModifiedAt, status = @Status, checkout_result = @CheckoutResult
            WHERE cart_id = @CartId
            """,
            CartParameters(cart),
            transaction);
        foreach (var order in orders)
        {
            InsertLedgerEntry(order, transaction);
        }

        if (answer is not null)
        {
            SaveAnswer(answer, transaction);
        }

        transaction.Commit();
    }

    private static object CartParameters(CartRecord cart) => new
    {
        cart.CartId,
        CustomerId = Text(cart.CustomerId),
        RequestId = Text(cart.RequestId),
        CorrelationId = Text(cart.CorrelationId),
        CreatedAt = Text(cart.CreatedAt),
        ExpiresAt = Text(cart.ExpiresAt),
        LastModifiedAt = Text(cart.LastModifiedAt),
        cart.Status,
        LineItems = JsonSerializer.Serialize(cart.LineItems, SandboxJson.Options),
        cart.CheckoutResult,
    };

    private sealed class CartRow
    {
        public string CartId { get; set; } = "";

        public string CustomerId { get; set; } = "";

        public string? RequestId { get; set; }

        public string? CorrelationId { get; set; }

        public string CreatedAt { get; set; } = "";

        public string ExpiresAt { get; set; } = "";

        public string LastModifiedAt { get; set; } = "";

        public string Status { get; set; } = "";

        public string LineItems { get; set; } = "";

        public byte[]? CheckoutResult { get; set; }
    }
}
