using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Cli.Targets;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Submission;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders submit FILE</c>: reads and checks every row, plans the orders, journals them, and sends them to
/// the target (the embedded sandbox unless told otherwise). A rerun of the same command resumes from the journal.
/// With <c>--what-if</c> it only shows the plan. Nothing is sent while any row has a problem.
/// </summary>
internal sealed class SubmitCommand(IAnsiConsole console) : AsyncCommand<SubmitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The .csv or .xlsx file of orders: one row per line item.")]
        public string File { get; set; } = string.Empty;

        [CommandOption("--what-if")]
        [Description("Check the file and show the orders it would place; order nothing.")]
        public bool WhatIf { get; set; }

        [CommandOption("--target <TARGET>")]
        [Description("sandbox (default: the built-in sandbox, nothing is ordered), live (Partner Center), or an http(s) address.")]
        public string? Target { get; set; }

        [CommandOption("--journal <PATH>")]
        [Description("The journal to record and resume from (default: <FILE>.journal.db).")]
        public string? Journal { get; set; }

        [CommandOption("--results <PATH>")]
        [Description("Where to write the results workbook (default: <FILE>.results.xlsx).")]
        public string? Results { get; set; }

        [CommandOption("--retry-failed")]
        [Description("Send again the orders Partner Center refused, even if their rows did not change.")]
        public bool RetryFailed { get; set; }

        [CommandOption("--concurrency <N>")]
        [Description("Orders in flight at once (default 4).")]
        [DefaultValue(4)]
        public int Concurrency { get; set; } = 4;

        [CommandOption("--max-rate <PER_MINUTE>")]
        [Description("Never send more than this many requests per minute.")]
        public int? MaxRate { get; set; }

        [CommandOption("--attempt-timeout <SECONDS>")]
        [Description("Give up one attempt after this long and try again with the same request id (default 60).")]
        [DefaultValue(60)]
        public int AttemptTimeoutSeconds { get; set; } = 60;

        [CommandOption("--confirm")]
        [Description("Show the plan and ask before sending (like -Confirm in PowerShell).")]
        public bool Confirm { get; set; }

        [CommandOption("-y|--yes")]
        [Description("Answer yes to --confirm in advance (for scripts).")]
        public bool Yes { get; set; }

        [CommandOption("--json")]
        [Description("Print one JSON object on standard output instead of tables (the plan with --what-if, else the final summary).")]
        public bool Json { get; set; }

        [CommandOption("-q|--quiet")]
        [Description("Print only the final summary and problems.")]
        public bool Quiet { get; set; }

        [CommandOption("-v|--verbose")]
        [Description("Print every failed or conflicting order with its reason.")]
        public bool Verbose { get; set; }

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

        [CommandOption("--tenant <TENANT>")]
        [Description("Live: the partner's tenant id (or PartnerCenter:TenantId in settings).")]
        public string? Tenant { get; set; }

        [CommandOption("--client-id <ID>")]
        [Description("Live: the application id (or PartnerCenter:ClientId in settings).")]
        public string? ClientId { get; set; }

        [CommandOption("--certificate <PFX>")]
        [Description("Live, app-only: a certificate file; its password only in settings or BATCHORDERS__PartnerCenter__CertificatePassword.")]
        public string? Certificate { get; set; }

        [CommandOption("--certificate-thumbprint <THUMBPRINT>")]
        [Description("Live, app-only: a certificate from the personal store.")]
        public string? CertificateThumbprint { get; set; }

        [CommandOption("--device-code")]
        [Description("Live, app+user: sign in as a partner user with a device code.")]
        public bool DeviceCode { get; set; }

        public override ValidationResult Validate() =>
            MaxLineItems is < 1 or > 1000 ? ValidationResult.Error($"--max-line-items must be between 1 and 1000, not {MaxLineItems}.")
            : Concurrency is < 1 or > 64 ? ValidationResult.Error($"--concurrency must be between 1 and 64, not {Concurrency}.")
            : MaxRate is < 1 ? ValidationResult.Error($"--max-rate must be at least 1 request per minute, not {MaxRate}.")
            : AttemptTimeoutSeconds is < 1 or > 3600 ? ValidationResult.Error($"--attempt-timeout must be between 1 and 3600 seconds, not {AttemptTimeoutSeconds}.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var read = SpreadsheetReader.Read(settings.File, new ReadOptions { Sheet = settings.Sheet }, cancellationToken);

        // The valid rows are planned even when others have errors, so duplicates are reported in the same pass.
        var plan = read.Problem is null
            ? OrderPlanner.Plan(read.File, read.Rows, new PlanningOptions { MaxLineItemsPerOrder = settings.MaxLineItems, AllowDuplicates = settings.AllowDuplicates })
            : null;
        var errors = read.Errors.Concat(plan?.Errors ?? []).OrderBy(e => e.Row).ToList();
        if (read.Problem is not null || errors.Count > 0)
        {
            return ReportInvalidInput(settings, read, errors);
        }

        if (settings.WhatIf)
        {
            if (settings.Json)
            {
                WhatIfJson.Write(console.Profile.Out.Writer, settings.File, read, plan, errors);
            }
            else
            {
                PlanView.ShowPlan(console, read, plan!);
                console.MarkupLine("[green]What-if: nothing was sent.[/] Run the same command without --what-if to order.");
            }

            return ExitCodes.Success;
        }

        return await SubmitAsync(settings, read, plan!, cancellationToken);
    }

    private int ReportInvalidInput(Settings settings, ReadResult read, List<RowError> errors)
    {
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, read, null, errors);
        }
        else if (read.Problem is { } problem)
        {
            PlanView.ShowFileProblem(console, problem);
        }
        else
        {
            PlanView.ShowErrors(console, read, errors);
        }

        // The Validation sheet lets a finance user fix the rows in Excel; a file that cannot be read has nothing to show.
        if (read.Problem is null)
        {
            var written = ResultsWorkbook.WritePlan(read, errors, null, settings.Results);
            if (!settings.Json)
            {
                console.MarkupLine(written.Problem is null
                    ? $"Every problem is listed in [bold]{Markup.Escape(written.Path)}[/] (sheet Validation)."
                    : $"[yellow]{Markup.Escape(written.Problem)}[/]");
            }
        }

        return ExitCodes.InvalidInput;
    }

    private async Task<int> SubmitAsync(Settings settings, ReadResult read, OrderPlan plan, CancellationToken cancellationToken)
    {
        var (targetName, targetProblem) = TargetConnection.Resolve(settings.Target);
        if (targetProblem is not null)
        {
            return Refuse(targetProblem, ExitCodes.InvalidInput, settings);
        }

        var output = settings.Json || settings.Quiet ? null : console;
        if (output is not null)
        {
            PlanView.ShowPlanSummary(output, read, plan);
        }

        if (settings.Confirm && !settings.Yes)
        {
            if (!console.Profile.Capabilities.Interactive || Console.IsInputRedirected)
            {
                return Refuse("--confirm needs a person at a terminal to answer; add --yes to confirm in advance.", ExitCodes.InvalidInput, settings);
            }

            var summary = plan.Summarize();
            if (!await console.ConfirmAsync($"Send {summary.Orders:N0} orders for {summary.Customers:N0} customers to {(targetName == BatchJournal.LiveTarget ? "LIVE Partner Center" : targetName)}?", defaultValue: false, cancellationToken))
            {
                console.MarkupLine("Nothing was sent.");
                return ExitCodes.Success;
            }
        }

        var configuration = CliConfiguration.Load();
        var partnerCenter = CliConfiguration.PartnerCenter(configuration, settings.Tenant, settings.ClientId, settings.Certificate, settings.CertificateThumbprint, settings.DeviceCode);
        MsalTokenProvider? liveTokens = null;
        if (targetName == BatchJournal.LiveTarget)
        {
            var missing = partnerCenter.MissingForLive();
            if (missing.Count > 0)
            {
                return Refuse(
                    "--target live needs Partner Center credentials, and some are not configured:\n  - " + string.Join("\n  - ", missing) +
                    "\nPut them in appsettings.json (section PartnerCenter) or in BATCHORDERS__PartnerCenter__… environment variables. Nothing was sent.",
                    ExitCodes.AuthenticationOrConfiguration, settings);
            }

            try
            {
                liveTokens = await MsalTokenProvider.CreateAsync(partnerCenter, message =>
                {
                    console.MarkupLine(Markup.Escape(message));
                    return Task.CompletedTask;
                });
            }
            catch (Exception ex) when (ex is InvalidOperationException or SignInException or ArgumentException)
            {
                return Refuse($"Cannot prepare the sign-in to Partner Center: {ex.Message} Nothing was sent.", ExitCodes.AuthenticationOrConfiguration, settings);
            }
        }

        var journalPath = Path.GetFullPath(settings.Journal ?? BatchJournal.DefaultPath(read.File));
        var (journal, journalProblem) = BatchJournal.Open(journalPath);
        if (journal is null)
        {
            liveTokens?.Dispose();
            return Refuse($"{journalProblem} Nothing was sent.", ExitCodes.InvalidInput, settings);
        }

        using (journal)
        {
            var inputSha256 = BatchJournal.HashFile(read.File);
            if (journal.Bind(read.File, inputSha256, read.Sheet, read.Headers, targetName!) is { } bindProblem)
            {
                liveTokens?.Dispose();
                return Refuse($"{bindProblem} Nothing was sent.", ExitCodes.InvalidInput, settings);
            }

            await using var target = targetName switch
            {
                BatchJournal.SandboxTarget => await TargetConnection.OpenSandboxAsync(journalPath, cancellationToken),
                BatchJournal.LiveTarget => TargetConnection.OpenLive(liveTokens!),
                _ => TargetConnection.OpenEndpoint(targetName!, partnerCenter),
            };
            output?.MarkupLine(target.IsRehearsal
                ? $"[black on yellow] REHEARSAL [/] Sending to {Markup.Escape(target.Description)}."
                : $"[white on red] LIVE [/] Sending to {Markup.Escape(target.Description)} ({Markup.Escape(liveTokens!.Description)}).");

            var options = new SubmissionOptions
            {
                Concurrency = settings.Concurrency,
                MaxRatePerMinute = settings.MaxRate,
                AttemptTimeout = TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds),
            };
            var runId = journal.StartRun(inputSha256, target.Name);
            var view = new RunView(console, RunView.IsPlain(console), settings.Json || settings.Quiet, TimeProvider.System);
            var submitter = new BatchSubmitter(journal, target.Client, options);
            var outcome = await view.TrackAsync(plan.Orders.Count, progress =>
                new BatchRun(journal, submitter).ExecuteAsync(read, plan, inputSha256, settings.RetryFailed, progress, cancellationToken));

            var exitCode = ExitCodeOf(outcome);
            journal.EndRun(runId, exitCode);
            var resume = BatchSummary.ResumeCommandFor(journal.GetBatch()!, journal.Path);
            var results = ResultsWorkbook.Write(journal, settings.Results);
            var failedRows = FailedRowsFile.Write(journal);
            if (settings.Json)
            {
                SubmitJson.Write(console.Profile.Out.Writer, journal, target.Name, read.File, results, failedRows, exitCode);
            }
            else
            {
                RunSummaryView.Show(console, journal, target, outcome, results, failedRows, resume, exitCode, settings.Verbose);
            }

            return exitCode;
        }
    }

    /// <summary>DESIGN.md's exit codes, the most urgent first.</summary>
    private static int ExitCodeOf(BatchRunOutcome outcome) =>
        outcome.Submission.AuthenticationFailure is not null ? ExitCodes.AuthenticationOrConfiguration
        : outcome.Submission.Interrupted || outcome.Remaining > 0 ? ExitCodes.Interrupted
        : outcome.States[OrderState.Failed] + outcome.States[OrderState.Conflict] > 0 ? ExitCodes.OrdersFailed
        : ExitCodes.Success;

    private int Refuse(string message, int exitCode, Settings settings)
    {
        if (settings.Json)
        {
            SubmitJson.WriteRefusal(console.Profile.Out.Writer, settings.File, message, exitCode);
        }
        else
        {
            console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        }

        return exitCode;
    }
}
