namespace BatchOrders.Results;

/// <summary>Column widths from the longest text written (AdjustToContents needs GDI+, absent on Linux).</summary>
internal sealed class ColumnWidths
{
    private const int MinWidth = 8;
    private const int MaxWidth = 60;

    private readonly Dictionary<int, int> _longest = [];
    private readonly Dictionary<int, int> _fixed = [];

    public void Measure(int column, int length)
    {
        if (column > 0 && length > _longest.GetValueOrDefault(column))
        {
            _longest[column] = length;
        }
    }

    public void Fixed(int column, int width) => _fixed[column] = width;

    public double Width(int column) =>
        _fixed.TryGetValue(column, out var width) ? width : Math.Clamp(_longest.GetValueOrDefault(column) + 2, MinWidth, MaxWidth);
}
