using System.Globalization;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>Generated order files: one order per customer, deterministic ids, for submission tests.</summary>
public static class OrderFiles
{
    public const string Header = "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName";

    /// <summary>A CSV of <paramref name="orders"/> single-line orders for distinct customers (Office 365 E3, monthly).</summary>
    public static string Write(TempFolder folder, string name, int orders, int seed = 1, Func<int, string>? quantity = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < orders; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Customer(seed, i)},{Rows.E3},{quantity?.Invoke(i) ?? "1"},Monthly,Seat block {i}\n");
        }

        return folder.WriteText(name, text.ToString());
    }

    /// <summary>The customer of order <paramref name="index"/>: a GUID derived from the seed and the index.</summary>
    public static string Customer(int seed, int index) =>
        new Guid(seed, (short)(index >> 16), (short)(index & 0xFFFF), 0x8a, 0, 0, 0, 0, 0, 0, 1).ToString("D");
}
