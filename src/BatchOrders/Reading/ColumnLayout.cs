namespace BatchOrders.Reading;

/// <summary>The header row of a sheet: every column's name as written, and where each known column is.</summary>
internal sealed class ColumnLayout
{
    private readonly int[] _indexes;

    private ColumnLayout(IReadOnlyList<string> headers, int[] indexes)
    {
        Headers = headers;
        _indexes = indexes;
    }

    /// <summary>The header names as written in the file, in file order (unknown columns too).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The 0-based index of a known column, or -1 when the file does not have it.</summary>
    public int IndexOf(InputColumn column) => _indexes[(int)column];

    /// <summary>Whether any header names a known column: how the header row is told from title rows above it.</summary>
    internal static bool LooksLikeHeader(IReadOnlyList<string> cells) =>
        cells.Any(cell => cell.Length > 0 && InputColumns.FindByHeader(cell) is not null);

    /// <summary>Maps a header row; a problem when a required column is missing or two columns mean the same thing.</summary>
    internal static ColumnLayout Create(IReadOnlyList<string> headers, Func<int, string> columnLetter)
    {
        var indexes = Enumerable.Repeat(-1, InputColumns.All.Count).ToArray();
        var conflicts = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (InputColumns.FindByHeader(headers[i]) is not { } info)
            {
                continue;
            }

            var slot = (int)info.Column;
            if (indexes[slot] >= 0)
            {
                conflicts.Add($"columns {columnLetter(indexes[slot])} ('{DisplayText.Shorten(headers[indexes[slot]])}') and {columnLetter(i)} ('{DisplayText.Shorten(headers[i])}') both mean {info.Name}");
            }
            else
            {
                indexes[slot] = i;
            }
        }

        if (conflicts.Count > 0)
        {
            throw new InputFileException($"The header row is ambiguous: {string.Join("; ", conflicts)}. Rename or remove one of each.");
        }

        var missing = InputColumns.All.Where(c => c.Required && indexes[(int)c.Column] < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            // The first columns, shortened: a header row of a thousand long names is no message.
            const int Listed = 20;
            var named = headers.Where(h => h.Length > 0).ToList();
            var found = named.Take(Listed).Select(h => $"'{DisplayText.Shorten(h)}'")
                .Concat(named.Count > Listed ? [FormattableString.Invariant($"and {named.Count - Listed:N0} more")] : []);
            throw new InputFileException(
                $"The required column{(missing.Count > 1 ? "s" : string.Empty)} {JoinNames(missing)} {(missing.Count > 1 ? "are" : "is")} missing. " +
                $"Columns found: {string.Join(", ", found)}. " +
                $"Required columns: {JoinNames(InputColumns.All.Where(c => c.Required).Select(c => c.Name).ToList())}.");
        }

        return new ColumnLayout(headers, indexes);
    }

    private static string JoinNames(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
