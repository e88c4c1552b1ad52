using System.Security.Cryptography;
using ClosedXML.Excel;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// What a killed run left at the results workbook's path: the old file (same bytes), a new one that ClosedXML opens,
/// or a broken one — the promise is that it is never broken (written under a temporary name, then renamed).
/// </summary>
internal static class WorkbookCheck
{
    /// <summary>The SHA-256 of the file, or null when there is none.</summary>
    public static string? Fingerprint(string path) =>
        File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : null;

    /// <summary>Hidden temporary files the writer left beside the workbook.</summary>
    public static string[] Temporaries(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.*.tmp");

    /// <summary>What is at <paramref name="path"/> after a kill, against the fingerprint taken before the run; a problem if broken or gone.</summary>
    public static (string Verdict, string? Problem) AfterKill(string path, string? before)
    {
        var now = Fingerprint(path);
        if (now is null)
        {
            return before is null ? ("no workbook yet", null) : ("gone", "the results workbook disappeared after a kill");
        }

        if (now == before)
        {
            return ("the old workbook", null);
        }

        return Opens(path) is { } error ? ("BROKEN", $"the results workbook left by a kill does not open: {error}") : ("a new workbook, opens", null);
    }

    /// <summary>
    /// The final workbook: it opens, and its Results sheet has one row per planned line item, each Succeeded;
    /// null when so, else what is wrong.
    /// </summary>
    public static string? Finished(string path, int lineItems)
    {
        try
        {
            using var workbook = new XLWorkbook(path);
            var sheet = workbook.Worksheet("Results");
            var header = sheet.Row(1).CellsUsed().FirstOrDefault(c => c.GetString() == "State");
            if (header is null)
            {
                return "the Results sheet has no State column";
            }

            var states = sheet.Column(header.Address.ColumnNumber).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
            var succeeded = states.Count(s => s == "Succeeded");
            return states.Count == lineItems && succeeded == lineItems
                ? null
                : $"the Results sheet has {states.Count} rows, {succeeded} Succeeded; {lineItems} line items were planned";
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            return $"the final results workbook does not open: {e.Message}";
        }
    }

    private static string? Opens(string path)
    {
        try
        {
            using var workbook = new XLWorkbook(path);
            return workbook.Worksheets.Count > 0 ? null : "it has no sheet";
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}
