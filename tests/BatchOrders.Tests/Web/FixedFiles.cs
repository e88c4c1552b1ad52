using System.Text;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Web;

/// <summary>What a person does with the rows to fix of sample-data/with-errors.csv: each row fixed, the columns kept.</summary>
public static class FixedFiles
{
    /// <summary>
    /// The rows-to-fix file with every row's values made valid: the customers, offers and quantities of the first rows of
    /// sample-data/finance-upload.csv (real customers and offers of the sandbox), the file's own columns and the
    /// <c>Result: …</c> columns kept, as Excel would save it.
    /// </summary>
    public static byte[] Fix(string rowsToFix)
    {
        var lines = rowsToFix.TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        var headers = lines[0].Split(',');
        var finance = File.ReadAllLines(RepositoryFiles.Get("sample-data", "finance-upload.csv"), Encoding.UTF8).Skip(1).Select(l => l.Split(';')).ToList();
        var text = new StringBuilder(lines[0]).Append("\r\n");
        for (var i = 1; i < lines.Length; i++)
        {
            var source = finance[i - 1];
            var cells = headers.Select(h => h switch
            {
                "CustomerId" => source[1],
                "OfferId" => source[2],
                "Quantity" => source[3],
                "BillingCycle" => source[4],
                "TermDuration" => source[5],
                _ => string.Empty,
            });
            text.Append(string.Join(',', cells)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
