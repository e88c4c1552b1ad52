using System.Text.RegularExpressions;
using BatchOrders.Benchmarks.Chaos;
using BatchOrders.Journal;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using BatchOrders.Tests.Web;
using ClosedXML.Excel;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BatchOrders.Tests.Browser;

/// <summary>
/// The page in a real browser, as a finance user meets it: <c>serve</c> started as a process, Chromium driven by
/// Playwright, axe-core on every page, a screenshot of every step.
/// </summary>
[Collection(nameof(OneBrowserAtATime))]
public sealed partial class PageFlowBrowserTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [BrowserFact]
    public async Task A_file_with_problems_is_fixed_confirmed_sent_to_100_percent_and_its_results_downloaded()
    {
        var folder = _temp.Folder("batches");
        await using var serve = await ServeProcess.StartAsync(folder);
        await using var browser = await BrowserSession.StartAsync("flow");
        var page = browser.Page;

        await page.GotoAsync(serve.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Batches", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        await browser.StepAsync("1-batches");

        await page.GetByRole(AriaRole.Link, new() { Name = "New batch" }).First.ClickAsync();
        await browser.StepAsync("2-upload");
        await page.GetByLabel("Spreadsheet of orders").SetInputFilesAsync(_temp.CopySample("with-errors.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Expect(page.GetByText("12 problems in 12 rows of with-errors.csv")).ToBeVisibleAsync();
        await browser.StepAsync("3-problems");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the rows to fix" }).ClickAsync());
        Assert.Equal("with-errors.to-fix.csv", download.SuggestedFilename);
        var toFix = _temp.File("with-errors.to-fix.csv");
        await download.SaveAsAsync(toFix);
        var fixedFile = _temp.WriteBytes("with-errors.fixed.csv", FixedFiles.Fix(await File.ReadAllTextAsync(toFix)));
        await browser.DropFileAsync("Fixed file", fixedFile);
        Assert.Equal("with-errors.fixed.csv", await page.GetByLabel("Fixed file").EvaluateAsync<string>("input => input.files[0]?.name ?? ''"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check again" }).ClickAsync();
        await Expect(page.GetByText("13 rows, all valid.")).ToBeVisibleAsync();
        await browser.StepAsync("3-fixed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Level = 1 })).ToBeVisibleAsync();
        await browser.StepAsync("4-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to confirm" }).ClickAsync();
        await Expect(page.GetByText("REHEARSAL", new() { Exact = true })).ToBeVisibleAsync();
        await browser.StepAsync("5-confirm");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the rehearsal" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Progress", Level = 1 })).ToBeVisibleAsync();
        await WaitForRunEndAsync(page);
        await Expect(page.Locator("[data-field=percent]")).ToHaveTextAsync("100%");
        await browser.StepAsync("6-progress");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the results" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results", Level = 1 })).ToBeVisibleAsync();
        await browser.StepAsync("7-results");
        var results = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Results workbook" }).ClickAsync());
        var workbookPath = _temp.File(results.SuggestedFilename);
        await results.SaveAsAsync(workbookPath);

        using var workbook = new XLWorkbook(workbookPath);
        var sheet = workbook.Worksheet("Results");
        var state = sheet.Row(1).CellsUsed().First(c => c.GetString() == "State").Address.ColumnNumber;
        Assert.Equal(13, sheet.RowsUsed().Count() - 1);
        Assert.All(sheet.RowsUsed().Skip(1), row => Assert.Equal("Succeeded", row.Cell(state).GetString()));
        Assert.Equal("with-errors.results.xlsx", results.SuggestedFilename);
    }

    [BrowserFact]
    public async Task A_run_survives_a_reload_and_a_killed_server_and_resumes_from_the_page_buying_every_order_exactly_once()
    {
        // A standalone sandbox in this process: its ledger outlives the page's process, and its answers take 0.5 to
        // 7.5 s, so the batch's orders end over many seconds and the kill finds most of them unfinished or in flight.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            LatencyMean = TimeSpan.FromSeconds(4),
            LatencyJitter = TimeSpan.FromSeconds(3.5),
            RequestLogLevel = LogLevel.None,
        });
        var folder = _temp.Folder("batches");
        var input = _temp.CopySample("migration-day.xlsx");
        var target = sandbox.BaseAddress.ToString();
        await using var browser = await BrowserSession.StartAsync("resume");
        var page = browser.Page;
        await using (var first = await ServeProcess.StartAsync(folder, "--target", target))
        {
            await page.GotoAsync(first.Address.ToString());
            await page.GetByRole(AriaRole.Link, new() { Name = "New batch" }).First.ClickAsync();
            await page.GetByLabel("Spreadsheet of orders").SetInputFilesAsync(input);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Level = 1 })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue to confirm" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the rehearsal" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Progress", Level = 1 })).ToBeVisibleAsync();

            await WaitForDoneAsync(page, atLeast: 1);
            await page.ReloadAsync();
            await Expect(page.Locator("[data-field=phase]")).ToHaveTextAsync(SendingPhase());
            await browser.StepAsync("reloaded-mid-run");

            await WaitForDoneAsync(page, atLeast: 2);
            await first.KillAsync();
        }

        await using var second = await ServeProcess.StartAsync(folder, "--target", target);
        await page.GotoAsync(second.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "unfinished — resume" })).ToBeVisibleAsync();
        await browser.StepAsync("after-restart");
        await page.GetByRole(AriaRole.Link, new() { Name = "migration-day.xlsx" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unfinished — resume" })).ToBeVisibleAsync();
        await browser.StepAsync("unfinished");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await WaitForRunEndAsync(page);
        await browser.StepAsync("resumed-to-the-end");

        var journalPath = Directory.GetFiles(folder, "*.journal.db", SearchOption.AllDirectories).Single();
        var (journal, _) = BatchJournal.Open(journalPath);
        using (journal)
        {
            var plan = BatchInput.Load(Path.ChangeExtension(journalPath, null)[..^".journal".Length]).Plan!;
            var problems = ChaosChecks.Compare(plan, sandbox.GetLedger(), journal!.GetOrders(), cartsSent: true);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.All(journal.GetOrders(), o => Assert.Equal(OrderState.Succeeded, o.State));
        }
    }

    [BrowserFact]
    public async Task The_whole_flow_works_with_the_keyboard_alone()
    {
        var folder = _temp.Folder("batches");
        await using var serve = await ServeProcess.StartAsync(folder);
        await using var browser = await BrowserSession.StartAsync("keyboard");
        var page = browser.Page;
        await page.GotoAsync(serve.Address.ToString());

        await TabToAsync(page, "New batch");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New batch", Level = 1 })).ToBeVisibleAsync();
        await TabToAsync(page, "file:");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(_temp.CopySample("finance-upload.csv"));
        await TabToAsync(page, "Upload and check");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Level = 1 })).ToBeVisibleAsync();
        await TabToAsync(page, "Continue to confirm");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm", Level = 1 })).ToBeVisibleAsync();
        await TabToAsync(page, "Send the rehearsal");
        await page.Keyboard.PressAsync("Enter");
        await WaitForRunEndAsync(page);
        await TabToAsync(page, "See the results");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results", Level = 1 })).ToBeVisibleAsync();
        await browser.StepAsync("results-by-keyboard");
    }

    /// <summary>Presses Tab until the focused element is the one named (by its text, value or, for "file:", a file input).</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.type === 'file' ? 'file:' : (e.innerText || e.value || '')) : ''; }");
            if (focused.Contains(name, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached \"{name}\" on {page.Url}");
    }

    /// <summary>
    /// Waits until the run has ended and the progress page has reloaded itself as the server renders an ended run (what
    /// to do next), then checks that every order succeeded.
    /// </summary>
    private static async Task WaitForRunEndAsync(IPage page)
    {
        await Expect(page.Locator("[data-events][data-ended=true]")).ToBeAttachedAsync(new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        await Expect(page.GetByText("Done. Every order succeeded in the rehearsal; nothing was really ordered.").First).ToBeVisibleAsync();
    }

    /// <summary>Waits until the progress page shows at least <paramref name="atLeast"/> orders done.</summary>
    private static async Task WaitForDoneAsync(IPage page, int atLeast) =>
        await page.WaitForFunctionAsync(
            $"() => Number((document.querySelector('[data-field=done]')?.textContent || '0').replace(/,/g, '')) >= {atLeast}",
            null, new() { Timeout = (float)RunTimeout.TotalMilliseconds, PollingInterval = 100 });

    [GeneratedRegex("Sending|Synchronising|Checking")]
    private static partial Regex SendingPhase();
}

/// <summary>Browser tests run one at a time: each drives a browser and a server, and the machine has two cores.</summary>
[CollectionDefinition(nameof(OneBrowserAtATime), DisableParallelization = true)]
public sealed class OneBrowserAtATime;
