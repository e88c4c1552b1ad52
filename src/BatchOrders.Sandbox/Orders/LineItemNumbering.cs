using System.Globalization;
using BatchOrders.Sandbox.Pipeline;

namespace BatchOrders.Sandbox.Orders;

/// <summary>Partner Center's rule for line item numbers (and cart line item ids): first..first+n-1, no gaps, no repeats (800071).</summary>
internal static class LineItemNumbering
{
    public static SandboxAnswer? Check(IReadOnlyList<int> sent, int first, string what)
    {
        var numbers = sent.Order().ToList();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != first + i)
            {
                return SandboxAnswer.Error(400, ErrorCodes.LineItemNumbering, string.Create(CultureInfo.InvariantCulture,
                    $"{what} must run from {first} to {first + sent.Count - 1} without gaps or repeats; got {string.Join(", ", sent)}."));
            }
        }

        return null;
    }
}
