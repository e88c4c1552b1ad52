using System.Text.Json;
using System.Text.Json.Serialization;
using BatchOrders.Planning;
using BatchOrders.Preflight;
using BatchOrders.Reading;

namespace BatchOrders.Cli.Output;

/// <summary>
/// The machine-readable what-if: one JSON object with exactly the documented camelCase names. <c>errors</c> and
/// <c>warnings</c> are row findings of one shape (sheet, row, column, value, message); a line item's <c>offerId</c>
/// is the id that will be bought, and <c>sheetOfferId</c> the sheet's when the preflight resolved it to today's.
/// </summary>
internal static class WhatIfJson
{
    public static void Write(TextWriter output, string file, ReadResult read, OrderPlan? plan, IReadOnlyList<RowError> errors,
        PreflightResult? preflight, int exitCode, IReadOnlyList<RowError>? awaitingPreflight = null)
    {
        var fileErrors = read.Problem is { } problem ? [new Error(null, null, null, null, problem.Message)] : Array.Empty<Error>();
        var offers = preflight?.OffersToSend ?? new Dictionary<RowLocation, string>();
        var report = new Report(
            file,
            read.DataRowCount,
            exitCode,
            plan?.Orders.Select(o => ToOrder(o, offers)).ToArray() ?? [],
            [.. fileErrors, .. errors.Select(ToError)],
            [.. (preflight?.Warnings ?? []).Concat(awaitingPreflight ?? []).Select(ToError)],
            preflight is null ? null : new Preflight(preflight.TotalReads, preflight.Reads, preflight.Reused, preflight.Errors.Count, preflight.Warnings.Count));
        output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        output.Flush();
    }

    private static Error ToError(RowError e) => new(e.Sheet, e.Row, e.Column, e.Value, e.Message);

    private static Order ToOrder(PlannedOrder order, IReadOnlyDictionary<RowLocation, string> offers) => new(
        order.CustomerId,
        order.BillingCycle?.ToWireValue(),
        order.OrderId,
        order.OrderKey,
        order.Path == PurchasePath.Cart ? "cart" : "order",
        [.. order.LineItems.Select(item => offers.TryGetValue(item.Row.Location, out var bought) && !string.Equals(bought, item.Row.OfferId, StringComparison.OrdinalIgnoreCase)
            ? new LineItem(item.LineItemNumber, bought, item.Row.OfferId, item.Row.Quantity, item.Row.FriendlyName, item.Row.ParentSubscriptionId, item.Row.Location.Row)
            : new LineItem(item.LineItemNumber, item.Row.OfferId, null, item.Row.Quantity, item.Row.FriendlyName, item.Row.ParentSubscriptionId, item.Row.Location.Row))]);

    private sealed record Report(
        string File, int Rows, int ExitCode, IReadOnlyList<Order> Orders, IReadOnlyList<Error> Errors, IReadOnlyList<Error> Warnings, Preflight? Preflight);

    private sealed record Order(string CustomerId, string? BillingCycle, string? OrderId, string OrderKey, string Path, IReadOnlyList<LineItem> LineItems);

    private sealed record LineItem(
        int LineItemNumber,
        string OfferId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SheetOfferId,
        int Quantity,
        string? FriendlyName,
        string? ParentSubscriptionId,
        int Row);

    private sealed record Error(string? Sheet, int? Row, string? Column, string? Value, string Message);

    /// <summary>What the preflight read (by kind), reused from the journal instead of reading, and found.</summary>
    private sealed record Preflight(int Reads, IReadOnlyDictionary<string, int> ReadsByKind, int Reused, int Errors, int Warnings);
}
