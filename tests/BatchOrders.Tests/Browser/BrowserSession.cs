using System.Globalization;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BatchOrders.Tests.Browser;

/// <summary>
/// One headless browser and page, launched from the installed browser with the flags a closed network needs, that
/// keeps a screenshot of each step (test output: <c>browser-screenshots/</c>) and runs axe-core on each page.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _name;
    private int _shots;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, string name)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        _name = name;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Where the screenshots of every browser test go.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");

    public static async Task<BrowserSession> StartAsync(string name)
    {
        var executable = InstalledBrowser.Path
            ?? throw new InvalidOperationException($"No Chromium, Chrome or Edge is installed for the browser tests (CI=true makes that a failure). Install one: {InstalledBrowser.InstallCommand}");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "en-US" });
        // Generous: other builds share the machine's two cores, and a step waits for a server that checks a file.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var page = await context.NewPageAsync();
        Directory.CreateDirectory(ScreenshotFolder);
        return new BrowserSession(playwright, browser, context, page, name);
    }

    /// <summary>Keeps a full-page screenshot of this step, numbered in order.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var path = Path.Combine(ScreenshotFolder, string.Create(CultureInfo.InvariantCulture, $"{_name}-{++_shots:00}-{step}.png"));
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Drops the file on the drop zone of the file input labelled <paramref name="label"/> as a drag from the desktop
    /// does: dragover, then a drop event whose data carries the file (what Playwright offers for dropping files).
    /// </summary>
    public async Task DropFileAsync(string label, string path)
    {
        var zone = Page.Locator("[data-dropzone]").Filter(new() { Has = Page.GetByLabel(label) });
        var file = new { name = System.IO.Path.GetFileName(path), content = Convert.ToBase64String(await File.ReadAllBytesAsync(path)) };
        await zone.EvaluateAsync(
            """
            (zone, file) => {
              const data = new DataTransfer();
              data.items.add(new File([Uint8Array.from(atob(file.content), c => c.charCodeAt(0))], file.name));
              zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """, file);
    }

    /// <summary>Runs axe-core on the page: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe-core on {Page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>A screenshot, then axe-core: what every step of a flow does.</summary>
    public async Task StepAsync(string step)
    {
        await ScreenshotAsync(step);
        await AssertAccessibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
