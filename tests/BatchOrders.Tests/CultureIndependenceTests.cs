using System.Globalization;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests;

/// <summary>
/// The same files give the same plan and the same messages whatever the machine's culture: German decimal
/// commas and the Turkish dotted/dotless i are the classic ways parsing and case-insensitive matching go wrong.
/// </summary>
public sealed class CultureIndependenceTests
{
    public static TheoryData<string> Files => ["migration-day.xlsx", "finance-upload.csv", "addons.csv", "with-errors.csv"];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task What_if_output_is_identical_under_invariant_german_and_turkish_cultures(string file)
    {
        using var folder = new TempFolder();
        var path = folder.CopySample(file);

        var invariant = await RunUnder(CultureInfo.InvariantCulture, path);
        var german = await RunUnder(new CultureInfo("de-DE"), path);
        var turkish = await RunUnder(new CultureInfo("tr-TR"), path);

        Assert.Equal(invariant, german);
        Assert.Equal(invariant, turkish);
    }

    [Fact]
    public async Task Upper_case_headers_with_i_match_under_turkish_culture()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("turkish.csv", Rows.Csv("CUSTOMER ID;OFFER ID;QUANTITY;BILLING CYCLE;PARTNER ID", $"{Rows.Customer};{Rows.E3};1;MONTHLY;123"));

        var (exitCode, output) = await RunUnderWithExit(new CultureInfo("tr-TR"), path);

        Assert.Equal(0, exitCode);
        Assert.Contains("\"billingCycle\":\"monthly\"", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunUnder(CultureInfo culture, string path) => (await RunUnderWithExit(culture, path)).Output;

    private static async Task<(int ExitCode, string Output)> RunUnderWithExit(CultureInfo culture, string path)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var (exitCode, json) = await CliRunner.RunAsync("submit", path, "--what-if", "--json");
            var (_, table) = await CliRunner.RunAsync("submit", path, "--what-if");
            return (exitCode, json + table);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
