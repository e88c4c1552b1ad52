using BatchOrders.Cli.Commands;
using BatchOrders.Cli.Output;

namespace BatchOrders.Cli;

/// <summary>Builds the command tree; the one place that knows every verb.</summary>
internal static class BatchOrdersApp
{
    /// <summary>Runs the CLI with Ctrl+C wired to cancellation.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C asks for an orderly stop; a second one is left to end the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, AnsiConsole.Console, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the CLI against the given console (tests pass one that records what is written).</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("batchorders");
            config.SetApplicationVersion(BatchOrdersVersion.Current);
            config.Settings.StrictParsing = true;
            config.ConfigureConsole(console);
            config.Settings.Registrar.RegisterInstance(console);
            config.SetExceptionHandler((exception, _) => ReportException(console, exception, args.Contains("--json", StringComparer.Ordinal)));
            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Check a spreadsheet of orders and, without --what-if, order them.")
                .WithExample("submit", "sample-data/migration-day.xlsx")
                .WithExample("submit", "sample-data/migration-day.xlsx", "--what-if");
            config.AddCommand<SandboxCommand>("sandbox")
                .WithDescription("Run the Partner Center sandbox on this machine until Ctrl+C, to rehearse against it.")
                .WithExample("sandbox", "--port", "5099", "--state", "sandbox.db", "--fail-503", "0.05");
            config.AddCommand<TemplateCommand>("template")
                .WithDescription("Write an empty order template (CSV or Excel) to fill in.")
                .WithExample("template", "--format", "xlsx", "--output", "orders.xlsx");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Write the results workbook and the failed-rows file again from a batch's journal.")
                .WithExample("report", "orders.xlsx.journal.db", "--results", "orders-results.xlsx");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Open the web page: upload a spreadsheet, fix its problems, confirm, watch it being sent, download the results.")
                .WithExample("serve")
                .WithExample("serve", "--port", "5080", "--folder", "batches", "--no-browser");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Show a batch's orders per state and per customer, and the latest errors, from its journal.")
                .WithExample("status", "orders.xlsx.journal.db", "--json");
        });
        return app.RunAsync(args, cancellationToken);
    }

    // Every outcome with --json is one JSON object on standard output: wrong arguments and Ctrl+C too.
    private static int ReportException(IAnsiConsole console, Exception exception, bool json)
    {
        if (exception is CommandAppException)
        {
            // Wrong arguments: Spectre's message says what is wrong; the help says what is right.
            return Report(console, json, ExitCodes.InvalidInput, exception.Message, "Run [bold]batchorders --help[/] to see the commands and their options.");
        }

        if (exception is OperationCanceledException)
        {
            return Report(console, json, ExitCodes.Interrupted, "Stopped (Ctrl+C). Run the same command again to resume.", null);
        }

        return LastResort.Report(console, exception, RunStage.Command, null, json);
    }

    private static int Report(IAnsiConsole console, bool json, int exitCode, string message, string? hintMarkup)
    {
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { exitCode, message }, CliJson.Options));
            console.Profile.Out.Writer.Flush();
            return exitCode;
        }

        console.MarkupLine($"[{(exitCode == ExitCodes.Interrupted ? "yellow" : "red")}]{Markup.Escape(message)}[/]");
        if (hintMarkup is not null)
        {
            console.MarkupLine(hintMarkup);
        }

        return exitCode;
    }
}
