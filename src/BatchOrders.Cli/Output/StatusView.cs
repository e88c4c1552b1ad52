using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Results;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>A batch's status as tables: states, customers (those with open orders first) and the latest errors.</summary>
internal static class StatusView
{
    private const int MaxCustomersShown = 25;

    public static void Show(IAnsiConsole console, BatchSummary summary)
    {
        var targetColour = summary.Batch.Target.Kind == TargetKind.Sandbox ? "yellow" : "red";
        console.MarkupLine($"[bold]{Markup.Escape(summary.Batch.InputName)}[/]{(summary.Batch.Sheet is null ? string.Empty : $", sheet {Markup.Escape(summary.Batch.Sheet)}")}");
        console.MarkupLine($"[bold {targetColour}]{Markup.Escape(summary.Batch.Target.Banner)}[/]");
        console.MarkupLine($"Journal: {Markup.Escape(summary.JournalPath)}");
        if (summary.Inputs.Count > 1)
        {
            console.MarkupLine($"Files that fed this batch: {Markup.Escape(string.Join(", ", summary.Inputs.Select(i => i.Path)))}");
        }

        console.MarkupLine(Runs(summary));
        if (summary.Carts.Orders > 0)
        {
            console.MarkupLine(Invariant($"Carts: {summary.Carts.Orders:N0} orders bought through carts, {summary.Carts.Created:N0} carts created, {summary.Carts.CheckedOut:N0} checked out."));
        }

        var states = new Table().Border(TableBorder.Rounded).Title("Batch");
        states.AddColumn("State");
        states.AddColumn("Orders", c => c.RightAligned());
        states.AddColumn("Rows", c => c.RightAligned());
        foreach (var state in Enum.GetValues<OrderState>())
        {
            states.AddRow(Colour(state), Count(summary.Orders[state]), Count(summary.Rows[state]));
        }

        states.AddRow("[bold]Total[/]", Count(summary.TotalOrders), Count(summary.TotalRows));
        console.Write(states);

        var customers = summary.Customers.OrderByDescending(c => c.Open).ThenBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("Customers");
        table.AddColumn("Customer", c => c.NoWrap());
        table.AddColumn("Orders", c => c.RightAligned());
        foreach (var state in new[] { OrderState.Succeeded, OrderState.Failed, OrderState.Conflict, OrderState.Pending, OrderState.Sending })
        {
            table.AddColumn(state.ToString(), c => c.RightAligned());
        }

        foreach (var customer in customers.Take(MaxCustomersShown))
        {
            table.AddRow(
                Markup.Escape(customer.CustomerId), Count(customer.Orders),
                Count(customer.States[OrderState.Succeeded]), Count(customer.States[OrderState.Failed]), Count(customer.States[OrderState.Conflict]),
                Count(customer.States[OrderState.Pending]), Count(customer.States[OrderState.Sending]));
        }

        console.Write(table);
        if (customers.Count > MaxCustomersShown)
        {
            console.MarkupLine(Invariant($"… and {customers.Count - MaxCustomersShown:N0} more customers. Run with --json to get them all."));
        }

        if (summary.LastErrors.Count > 0)
        {
            var errors = new Table().Border(TableBorder.Rounded).Title("Last errors");
            errors.AddColumn("When (UTC)", c => c.NoWrap());
            errors.AddColumn("Customer", c => c.NoWrap());
            errors.AddColumn("State");
            errors.AddColumn("HTTP", c => c.RightAligned());
            errors.AddColumn("Code");
            errors.AddColumn("Message");
            foreach (var error in summary.LastErrors)
            {
                errors.AddRow(
                    error.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(error.CustomerId),
                    Markup.Escape(error.State),
                    error.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(error.ErrorCode ?? "-"),
                    Markup.Escape(error.Message));
            }

            console.Write(errors);
        }

        var open = summary.Orders[OrderState.Pending] + summary.Orders[OrderState.Sending];
        if (open > 0)
        {
            console.MarkupLine(Invariant($"{open:N0} orders are not finished. Resume with: [bold]{Markup.Escape(summary.ResumeCommand().ToString())}[/]"));
        }
    }

    private static string Runs(BatchSummary summary)
    {
        if (summary.StartedAt is not { } started)
        {
            return "Not run yet.";
        }

        var text = Invariant($"{summary.Runs.Count:N0} run{(summary.Runs.Count == 1 ? string.Empty : "s")}, first started {started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        text += summary.EndedAt is { } ended
            ? Invariant($", last ended {ended.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            : ", the last one has not ended (running, or stopped)";
        if (summary.OrdersPerMinute is { } rate)
        {
            text += Invariant($"; {rate:N1} orders per minute");
        }

        return text + ".";
    }

    private static string Colour(OrderState state) => state switch
    {
        OrderState.Succeeded => "[green]Succeeded[/]",
        OrderState.Failed => "[red]Failed[/]",
        OrderState.Conflict or OrderState.Pending or OrderState.Sending => $"[yellow]{state}[/]",
        _ => $"[grey]{state}[/]",
    };

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
