using System.ComponentModel;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Runs;
using BatchOrders.Submission;

namespace BatchOrders.Cli.Commands;

/// <summary><c>submit</c>'s settings and how they map onto the library's options, whose own bounds validate them.</summary>
internal sealed partial class SubmitCommand
{
    public sealed class Settings : CommandSettings
    {
        private const long Megabyte = 1024 * 1024;

        [CommandArgument(0, "<FILE>")]
        [Description("The .csv, .xlsx, .xlsb or .xls file of orders: one row per line item.")]
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
        [Description("Fix the requests in flight at N (default: adapts to the service's pace and latency).")]
        public int? Concurrency { get; set; }

        [CommandOption("--max-in-flight <N>")]
        [Description("Never more requests in flight than this while adapting (default 1000).")]
        [DefaultValue(1000)]
        public int MaxInFlight { get; set; } = 1000;

        [CommandOption("--max-rate <PER_MINUTE>")]
        [Description("Never send more than this many order requests per minute: order writes, cart creations and checkouts, each.")]
        public int? MaxRate { get; set; }

        [CommandOption("--max-read-rate <PER_MINUTE>")]
        [Description("Never send more than this many reads per minute (the repeat check's).")]
        public int? MaxReadRate { get; set; }

        [CommandOption("--per-customer <FAMILY>")]
        [Description("The service throttles this family per partner and customer: keep a gate per customer for it. orders, carts, checkout or reads (repeatable).")]
        public string[] PerCustomer { get; set; } = [];

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

        [CommandOption("--path <PATH>")]
        [Description("How orders are bought: auto (default: new-commerce catalog ids through carts, legacy offers through orders), order, or cart.")]
        [DefaultValue(PurchasePathChoice.Auto)]
        public PurchasePathChoice Path { get; set; } = PurchasePathChoice.Auto;

        [CommandOption("--no-preflight")]
        [Description("Do not check the rows against Partner Center's data before sending (customers, catalog, terms, parents, promotions, resellers).")]
        public bool NoPreflight { get; set; }

        [CommandOption("--strict")]
        [Description("Stop on the preflight's warnings as on its errors (an existing subscription, an availability resolved to today's).")]
        public bool Strict { get; set; }

        [CommandOption("--allow-repeat")]
        [Description("Send orders that repeat orders the customers already have from the last days (normally refused: the same file submitted twice).")]
        public bool AllowRepeat { get; set; }

        [CommandOption("--check-repeats")]
        [Description("Check for repeats against the built-in sandbox too (always done for live and endpoint targets).")]
        public bool CheckRepeats { get; set; }

        [CommandOption("--repeat-days <DAYS>")]
        [Description("How many days back the repeat check looks for a customer's orders (default 7).")]
        [DefaultValue(7)]
        public int RepeatDays { get; set; } = 7;

        [CommandOption("--reuse-reads <MINUTES>")]
        [Description("Reuses what this journal read of Partner Center within the last MINUTES instead of reading it again: the repeat check's reads of customers' orders, and the preflight's reads that found nothing wrong (default 10; 0 reads everything again).")]
        [DefaultValue(10)]
        public int ReuseReadsMinutes { get; set; } = 10;

        [CommandOption("--stale-after <MINUTES>")]
        [Description("An order without an answer whose request is older than this is looked for among the customer's orders before it is resent (default 60).")]
        [DefaultValue(60)]
        public int StaleAfterMinutes { get; set; } = 60;

        [CommandOption("--max-line-items <N>")]
        [Description("Line items per order before an order is split (default 50).")]
        [DefaultValue(50)]
        public int MaxLineItems { get; set; } = 50;

        [CommandOption("--max-rows <N>")]
        [Description("Read at most this many data rows from the file (default 1,048,576, Excel's own limit).")]
        [DefaultValue(1_048_576)]
        public int MaxRows { get; set; } = 1_048_576;

        [CommandOption("--max-columns <N>")]
        [Description("Refuse a file with a value past this column (default 1,024, column AMJ).")]
        [DefaultValue(1_024)]
        public int MaxColumns { get; set; } = 1_024;

        [CommandOption("--max-cell-length <N>")]
        [Description("The longest value a cell may hold, in characters (default 32,767, Excel's own limit).")]
        [DefaultValue(32_767)]
        public int MaxCellLength { get; set; } = 32_767;

        [CommandOption("--max-file-mb <MB>")]
        [Description("Refuse a larger file before reading it (default 512).")]
        [DefaultValue(512L)]
        public long MaxFileMegabytes { get; set; } = 512;

        [CommandOption("--max-part-mb <MB>")]
        [Description("Refuse a workbook with a part (sheet, shared strings, styles) larger than this once unpacked (default 512).")]
        [DefaultValue(512L)]
        public long MaxPartMegabytes { get; set; } = 512;

        [CommandOption("--max-text-mb <MB>")]
        [Description("Refuse a file whose rows hold more text than this, in millions of characters (Mi), which reading keeps in memory (default 256).")]
        [DefaultValue(256L)]
        public long MaxTextMegabytes { get; set; } = 256;

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

        public override ValidationResult Validate()
        {
            if (PerCustomer.FirstOrDefault(f => FamilyOf(f) is null) is { } unknown)
            {
                return ValidationResult.Error($"--per-customer takes orders, carts, checkout or reads; got '{unknown}'.");
            }

            // The bounds live on the library's options; here they are only named by their flags.
            // Megabytes become the options' bytes and characters; the options' own bounds check the rest.
            if (MaxFileMegabytes is < 1 or > 1_048_576 || MaxPartMegabytes is < 1 or > 2_047 || MaxTextMegabytes is < 1 or > 2_047)
            {
                return ValidationResult.Error("--max-file-mb takes 1 to 1,048,576; --max-part-mb and --max-text-mb take 1 to 2,047.");
            }

            var broken = OptionsValidator.Validate(ReadOptions()).Concat(OptionsValidator.Validate(PlanningOptions())).Concat(OptionsValidator.Validate(SubmissionOptions())).FirstOrDefault();
            return broken is null
                ? ValidationResult.Success()
                : ValidationResult.Error($"{FlagOf(broken.MemberNames.FirstOrDefault())} {broken.ErrorMessage}.");
        }

        public ReadOptions ReadOptions() => new()
        {
            Sheet = Sheet,
            MaxRows = MaxRows,
            MaxColumns = MaxColumns,
            MaxCellLength = MaxCellLength,
            MaxFileBytes = MaxFileMegabytes * Megabyte,
            MaxPartBytes = Math.Min(int.MaxValue, MaxPartMegabytes * Megabyte),
            MaxTextLength = Math.Min(int.MaxValue, MaxTextMegabytes * Megabyte),
        };

        public PlanningOptions PlanningOptions() => new() { MaxLineItemsPerOrder = MaxLineItems, AllowDuplicates = AllowDuplicates, Path = Path };

        public SubmissionOptions SubmissionOptions() => new()
        {
            Concurrency = Concurrency,
            MaxInFlight = MaxInFlight,
            MaxRatePerMinute = MaxRate,
            MaxReadRatePerMinute = MaxReadRate,
            KeyedByCustomer = [.. PerCustomer.Select(FamilyOf).OfType<OperationFamily>().Distinct()],
            ReadsReusedFor = TimeSpan.FromMinutes(ReuseReadsMinutes),
            AttemptTimeout = TimeSpan.FromSeconds(AttemptTimeoutSeconds),
            RepeatWindow = TimeSpan.FromDays(RepeatDays),
            StaleAfter = TimeSpan.FromMinutes(StaleAfterMinutes),
        };

        public BatchRunOptions RunOptions() => new()
        {
            JournalPath = Journal,
            ResultsPath = Results,
            RetryFailed = RetryFailed,
            Submission = SubmissionOptions(),
        };

        /// <summary>The flag that sets a budget of <see cref="Reading.ReadOptions"/>, to name in the message of a file over it.</summary>
        public static string FlagOf(ReadBudget budget) => budget switch
        {
            ReadBudget.FileSize => "--max-file-mb",
            ReadBudget.PartSize => "--max-part-mb",
            ReadBudget.Columns => "--max-columns",
            ReadBudget.Rows => "--max-rows",
            ReadBudget.CellLength => "--max-cell-length",
            _ => "--max-text-mb",
        };

        private static OperationFamily? FamilyOf(string name) => name.Trim().ToLowerInvariant() switch
        {
            "orders" or "order-writes" => OperationFamily.OrderWrites,
            "carts" => OperationFamily.Carts,
            "checkout" => OperationFamily.Checkout,
            "reads" => OperationFamily.Reads,
            _ => null,
        };

        private static string FlagOf(string? member) => member switch
        {
            nameof(Reading.ReadOptions.MaxRows) => "--max-rows",
            nameof(Reading.ReadOptions.MaxColumns) => "--max-columns",
            nameof(Reading.ReadOptions.MaxCellLength) => "--max-cell-length",
            nameof(Reading.ReadOptions.MaxFileBytes) => "--max-file-mb",
            nameof(Reading.ReadOptions.MaxPartBytes) => "--max-part-mb",
            nameof(Reading.ReadOptions.MaxTextLength) => "--max-text-mb",
            nameof(Planning.PlanningOptions.MaxLineItemsPerOrder) => "--max-line-items",
            nameof(Submission.SubmissionOptions.Concurrency) => "--concurrency",
            nameof(Submission.SubmissionOptions.MaxInFlight) => "--max-in-flight",
            nameof(Submission.SubmissionOptions.MaxRatePerMinute) => "--max-rate",
            nameof(Submission.SubmissionOptions.MaxReadRatePerMinute) => "--max-read-rate",
            nameof(Submission.SubmissionOptions.ReadsReusedFor) => "--reuse-reads",
            nameof(Submission.SubmissionOptions.AttemptTimeout) => "--attempt-timeout",
            nameof(Submission.SubmissionOptions.RepeatWindow) => "--repeat-days",
            nameof(Submission.SubmissionOptions.StaleAfter) => "--stale-after",
            _ => member ?? "An option",
        };
    }
}
