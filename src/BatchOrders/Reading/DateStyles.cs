using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchOrders.Reading;

/// <summary>
/// Which cell styles of a workbook show numbers as dates. Excel stores a date as a plain number (days since
/// 1900), so without this a date typed into Quantity would read as tens of thousands of licences.
/// </summary>
internal sealed class DateStyles
{
    private static readonly HashSet<uint> BuiltInDateFormats =
        [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    private readonly bool[] _isDate;

    private DateStyles(bool[] isDate) => _isDate = isDate;

    public static DateStyles From(Stylesheet? stylesheet)
    {
        if (stylesheet?.CellFormats is null)
        {
            return new DateStyles([]);
        }

        var customDates = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormatCode(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        var isDate = stylesheet.CellFormats.Elements<CellFormat>()
            .Select(f => f.NumberFormatId?.Value is { } id && (BuiltInDateFormats.Contains(id) || customDates.Contains(id)))
            .ToArray();
        return new DateStyles(isDate);
    }

    public bool IsDate(int styleIndex) => styleIndex >= 0 && styleIndex < _isDate.Length && _isDate[styleIndex];

    /// <summary>A format code shows a date or time when, outside quoted text and [colour] tags, it has y, m, d, h or s.</summary>
    internal static bool IsDateFormatCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var quoted = false;
        var bracketed = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    continue;
                case '\\' or '_' or '*':
                    i++;
                    continue;
                case '[':
                    bracketed = true;
                    continue;
                case ']':
                    bracketed = false;
                    continue;
            }

            if (!quoted && !bracketed && char.ToLowerInvariant(c) is 'y' or 'm' or 'd' or 'h' or 's')
            {
                return true;
            }
        }

        return false;
    }
}
