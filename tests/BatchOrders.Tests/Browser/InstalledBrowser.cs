namespace BatchOrders.Tests.Browser;

/// <summary>
/// The Chromium, Chrome or Edge the browser tests drive: <c>BATCHORDERS_BROWSER</c>, else Debian's <c>chromium</c> or
/// a usual install. Playwright's own browser download is never used (it is not reachable everywhere).
/// </summary>
public static class InstalledBrowser
{
    /// <summary>What to run to get one on Debian or Ubuntu (what <c>.ci/run</c> does).</summary>
    public const string InstallCommand = "sudo apt-get install -y chromium";

    private static readonly string[] Candidates =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/microsoft-edge",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe", @"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    ];

    /// <summary>The browser's executable, or null when none is installed.</summary>
    public static string? Path { get; } =
        Environment.GetEnvironmentVariable("BATCHORDERS_BROWSER") is { Length: > 0 } named ? named : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Under CI a missing browser is a failure, not a skip: CI installs it.</summary>
    public static bool Required => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}

/// <summary>A test that needs a real browser: skipped with the install command when there is none, except under CI, where it fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (InstalledBrowser.Path is null && !InstalledBrowser.Required)
        {
            Skip = $"No Chromium, Chrome or Edge found for the browser tests. Install one ({InstalledBrowser.InstallCommand}) or name it in BATCHORDERS_BROWSER.";
        }
    }
}
