namespace BatchOrders.Reading;

/// <summary>Excel's column letters: 0 → A, 25 → Z, 26 → AA.</summary>
public static class ColumnLetters
{
    public static string From(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = new Stack<char>();
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Push((char)('A' + ((n - 1) % 26)));
        }

        return new string([.. letters]);
    }
}
