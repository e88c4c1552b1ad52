using System.Globalization;
using BatchOrders.Planning;
using BatchOrders.Reading;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>Shows a plan, or what is wrong with the input, as tables a person can read.</summary>
internal static class PlanView
{
    private const int MaxOrdersShown = 30;
    private const int MaxErrorsShown = 500;

    public static void ShowFileProblem(IAnsiConsole console, InputFileProblem problem)
    {
        console.MarkupLine($"[red]Cannot use {Markup.Escape(problem.File)}:[/] {Markup.Escape(problem.Message)}");
        console.MarkupLine("Nothing was sent.");
    }

    public static void ShowErrors(IAnsiConsole console, ReadResult read, IReadOnlyList<RowError> errors)
    {
        var rows = errors.Select(e => e.Row).Distinct().Count();
        console.MarkupLine(
            $"[red]{Count(errors.Count, "problem")} in {Count(rows, "row")} of {Markup.Escape(Path.GetFileName(read.File))}[/]" +
            $"{(read.Sheet is null ? string.Empty : $" (sheet {Markup.Escape(read.Sheet)})")}. Nothing was sent: fix them and run the command again.");
        ShowFindings(console, errors);
    }

    /// <summary>Row findings as a table: row, column, value, problem.</summary>
    public static void ShowFindings(IAnsiConsole console, IReadOnlyList<RowError> errors)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Row", c => c.RightAligned().NoWrap());
        table.AddColumn("Column", c => c.NoWrap());
        table.AddColumn("Value", c => c.Width(24));
        table.AddColumn("Problem");
        foreach (var error in errors.Take(MaxErrorsShown))
        {
            table.AddRow(
                Markup.Escape(error.Row?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Markup.Escape(error.Column ?? "-"),
                Markup.Escape(DisplayText.Shorten(error.Value ?? string.Empty)),
                Markup.Escape(error.Message));
        }

        console.Write(table);
        if (errors.Count > MaxErrorsShown)
        {
            console.MarkupLine(Invariant($"… and {errors.Count - MaxErrorsShown:N0} more. Run with --json to get them all."));
        }
    }

    /// <summary>The two lines that say what the file amounts to: shown before anything is sent.</summary>
    public static void ShowPlanSummary(IAnsiConsole console, ReadResult read, OrderPlan plan)
    {
        var summary = plan.Summarize();
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(read.File))}[/]{(read.Sheet is null ? string.Empty : $", sheet {Markup.Escape(read.Sheet)}")}: {Count(read.DataRowCount, "row")}, all valid.");
        console.MarkupLine(
            $"Plan: [bold]{Count(summary.Customers, "customer")}[/], [bold]{Count(summary.Orders, "order")}[/]" +
            $"{(summary.AddOnOrders > 0 ? Invariant($" ({summary.AddOnOrders:N0} adding add-ons to existing orders)") : string.Empty)}, " +
            Invariant($"[bold]{Count(summary.LineItems, "line item")}[/], [bold]{summary.TotalQuantity:N0}[/] licences."));
    }

    public static void ShowPlan(IAnsiConsole console, ReadResult read, OrderPlan plan)
    {
        var summary = plan.Summarize();
        ShowPlanSummary(console, read, plan);

        var offers = new Table().Border(TableBorder.Rounded).Title("Quantity per offer");
        offers.AddColumn("Offer");
        offers.AddColumn("Line items", c => c.RightAligned());
        offers.AddColumn("Quantity", c => c.RightAligned());
        foreach (var offer in summary.Offers)
        {
            offers.AddRow(Markup.Escape(offer.OfferId), offer.LineItems.ToString("N0", CultureInfo.InvariantCulture), offer.Quantity.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(offers);

        var orders = new Table().Border(TableBorder.Rounded).Title("Orders");
        orders.AddColumn("#", c => c.RightAligned());
        orders.AddColumn("Customer", c => c.NoWrap());
        orders.AddColumn("Billing");
        orders.AddColumn("Kind");
        orders.AddColumn("Path");
        orders.AddColumn("Line items", c => c.RightAligned());
        orders.AddColumn("Quantity", c => c.RightAligned());
        orders.AddColumn("Rows");
        var number = 0;
        foreach (var order in plan.Orders.Take(MaxOrdersShown))
        {
            orders.AddRow(
                (++number).ToString(CultureInfo.InvariantCulture),
                order.CustomerId,
                order.BillingCycle?.ToString() ?? "default",
                order.IsAddOn ? $"add-ons → {Markup.Escape(order.OrderId!)}" : "new order",
                order.Path == PurchasePath.Cart ? "cart" : "order",
                order.LineItems.Count.ToString(CultureInfo.InvariantCulture),
                order.LineItems.Sum(i => (long)i.Row.Quantity).ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(RowRanges(order)));
        }

        console.Write(orders);
        if (plan.Orders.Count > MaxOrdersShown)
        {
            console.MarkupLine(Invariant($"… and {plan.Orders.Count - MaxOrdersShown:N0} more orders. Run with --json to see them all."));
        }
    }

    private static string RowRanges(PlannedOrder order)
    {
        var rows = order.LineItems.Select(i => i.Row.Location.Row).ToList();
        return rows.Count <= 4
            ? string.Join(", ", rows)
            : $"{string.Join(", ", rows.Take(3))} … {rows[^1]}";
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}");
}
