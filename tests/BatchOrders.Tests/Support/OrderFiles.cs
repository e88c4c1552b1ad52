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

    /// <summary>New-commerce Microsoft 365 E3 (a catalog id, bought through a cart).</summary>
    public const string NceE3 = "CFQ7TTC0LFLX:0001:CFQ7TTC0KDBN";

    /// <summary>New-commerce Microsoft 365 Business Basic.</summary>
    public const string NceBasic = "CFQ7TTC0LH18:0001:CFQ7TTC0K8P5";

    /// <summary>A new-commerce item every checkout refuses (800070), in an order group of its own.</summary>
    public const string NceRefusedAtCheckout = "CFQ7TTC0SBXC:0001:CFQ7TTC0SBXN";

    /// <summary>The header of new-commerce files: with the term every cart line needs.</summary>
    public const string NewCommerceHeader = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,FriendlyName";

    /// <summary>
    /// A CSV of <paramref name="orders"/> new-commerce orders for distinct customers, bought through carts: every
    /// other one has two lines (E3 P1Y and Business Basic P1M), all monthly.
    /// </summary>
    public static string WriteNewCommerce(TempFolder folder, string name, int orders, int seed = 1)
    {
        var text = new StringBuilder(NewCommerceHeader).Append('\n');
        for (var i = 0; i < orders; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Customer(seed, i)},{NceE3},{1 + (i % 7)},Monthly,P1Y,E3 block {i}\n");
            if (i % 2 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Customer(seed, i)},{NceBasic},{2 + (i % 5)},Monthly,P1M,\n");
            }
        }

        return folder.WriteText(name, text.ToString());
    }

    /// <summary>The customer of order <paramref name="index"/>: a GUID derived from the seed and the index.</summary>
    public static string Customer(int seed, int index) =>
        new Guid(seed, (short)(index >> 16), (short)(index & 0xFFFF), 0x8a, 0, 0, 0, 0, 0, 0, 1).ToString("D");
}
