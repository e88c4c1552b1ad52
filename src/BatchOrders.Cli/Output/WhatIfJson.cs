using System.Text.Json;
using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Cli.Output;

/// <summary>The machine-readable what-if: one JSON object with exactly the documented camelCase names.</summary>
internal static class WhatIfJson
{
    public static void Write(TextWriter output, string file, ReadResult read, OrderPlan? plan, IReadOnlyList<RowError> errors)
    {
        var fileErrors = read.Problem is { } problem ? [new Error(null, null, null, null, problem.Message)] : Array.Empty<Error>();
        var report = new Report(
            file,
            read.DataRowCount,
            plan?.Orders.Select(ToOrder).ToArray() ?? [],
            [.. fileErrors, .. errors.Select(e => new Error(e.Sheet, e.Row, e.Column, e.Value, e.Message))]);
        output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        output.Flush();
    }

    private static Order ToOrder(PlannedOrder order) => new(
        order.CustomerId,
        order.BillingCycle?.ToWireValue(),
        order.OrderId,
        order.OrderKey,
        order.Path == PurchasePath.Cart ? "cart" : "order",
        [.. order.LineItems.Select(item => new LineItem(
            item.LineItemNumber, item.Row.OfferId, item.Row.Quantity, item.Row.FriendlyName, item.Row.ParentSubscriptionId, item.Row.Location.Row))]);

    private sealed record Report(string File, int Rows, IReadOnlyList<Order> Orders, IReadOnlyList<Error> Errors);

    private sealed record Order(string CustomerId, string? BillingCycle, string? OrderId, string OrderKey, string Path, IReadOnlyList<LineItem> LineItems);

    private sealed record LineItem(int LineItemNumber, string OfferId, int Quantity, string? FriendlyName, string? ParentSubscriptionId, int Row);

    private sealed record Error(string? Sheet, int? Row, string? Column, string? Value, string Message);
}
