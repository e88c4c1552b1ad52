namespace BatchOrders.Reading;

/// <summary>Excel's column letters: 0 → A, 25 → Z, 26 → AA, and back from a cell reference.</summary>
internal static class ColumnLetters
{
    /// <summary>The letters of the 0-based column <paramref name="index"/>.</summary>
    public static string From(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Span<char> letters = stackalloc char[8];
        var start = letters.Length;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters[--start] = (char)('A' + ((n - 1) % 26));
        }

        return new string(letters[start..]);
    }

    /// <summary>"AB12" → 27: the 0-based column of a cell reference; null when there is no reference.</summary>
    internal static int? IndexOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = (char)(c & ~0x20);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (upper - 'A' + 1);
            letters++;
            if (index > RowAssembler.MaxColumn + 1)
            {
                // Past XFD, however many letters follow (they would overflow): no column of a sheet.
                return RowAssembler.MaxColumn + 1;
            }
        }

        return letters == 0 ? null : index - 1;
    }
}
