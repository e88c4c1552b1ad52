using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Planning;
using BatchOrders.Reading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders submit FILE</c>: reads and checks every row, plans the orders and (for now only with
/// <c>--what-if</c>) shows the plan. Nothing is sent while any row has a problem.
/// </summary>
internal sealed class SubmitCommand(IAnsiConsole console) : Command<SubmitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The .csv or .xlsx file of orders: one row per line item.")]
        public string File { get; set; } = string.Empty;

        [CommandOption("--what-if")]
        [Description("Check the file and show the orders it would place; order nothing.")]
        public bool WhatIf { get; set; }

        [CommandOption("--json")]
        [Description("Print one JSON object on standard output instead of tables.")]
        public bool Json { get; set; }

        [CommandOption("--sheet <NAME>")]
        [Description("The sheet of a workbook to read (default: the first).")]
        public string? Sheet { get; set; }

        [CommandOption("--allow-duplicates")]
        [Description("Allow the same offer twice for one customer and billing cycle.")]
        public bool AllowDuplicates { get; set; }

        [CommandOption("--max-line-items <N>")]
        [Description("Line items per order before an order is split (default 50).")]
        [DefaultValue(50)]
        public int MaxLineItems { get; set; } = 50;

        public override ValidationResult Validate() =>
            MaxLineItems is < 1 or > 1000
                ? ValidationResult.Error($"--max-line-items must be between 1 and 1000, not {MaxLineItems}.")
                : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var read = SpreadsheetReader.Read(settings.File, new ReadOptions { Sheet = settings.Sheet }, cancellationToken);

        // The valid rows are planned even when others have errors, so duplicates are reported in the same pass.
        var plan = read.Problem is null
            ? OrderPlanner.Plan(read.File, read.Rows, new PlanningOptions { MaxLineItemsPerOrder = settings.MaxLineItems, AllowDuplicates = settings.AllowDuplicates })
            : null;
        var errors = read.Errors.Concat(plan?.Errors ?? []).OrderBy(e => e.Row).ToList();
        var valid = read.Problem is null && errors.Count == 0;

        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, read, valid ? plan : null, errors);
        }
        else if (read.Problem is { } problem)
        {
            PlanView.ShowFileProblem(console, problem);
        }
        else if (!valid)
        {
            PlanView.ShowErrors(console, read, errors);
        }
        else
        {
            PlanView.ShowPlan(console, read, plan!);
        }

        if (!valid)
        {
            return ExitCodes.InvalidInput;
        }

        if (settings.WhatIf)
        {
            return ExitCodes.Success;
        }

        if (!settings.Json)
        {
            console.MarkupLine("[yellow]Ordering is not available in this version yet: nothing was sent.[/] Use --what-if to check a file.");
        }

        return ExitCodes.InvalidInput;
    }
}
