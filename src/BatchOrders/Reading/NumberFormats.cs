using ExcelNumberFormat;

namespace BatchOrders.Reading;

/// <summary>
/// Classifies Excel number formats as numbers, dates, times of day or durations. Excel stores a date as a plain
/// number (days since 1900 or 1904), so without this a date typed into Quantity would read as thousands of licences.
/// Format codes are parsed by ExcelNumberFormat; the built-in formats (ids below 164) have no code in the file.
/// </summary>
internal static class NumberFormats
{
    private const int MaxCodeLength = 255;

    /// <summary>The kind of a format by its id and, for custom formats, its code (null when the file has none).</summary>
    public static NumberFormatKind Classify(int id, string? code) =>
        code is not null && id >= 164 ? Classify(code) : BuiltIn(id, code);

    /// <summary>The kind of a format code such as <c>yyyy-mm-dd</c>, <c>h:mm AM/PM</c> or <c>[h]:mm:ss</c>.</summary>
    public static NumberFormatKind Classify(string? code)
    {
        // Excel keeps a format code to 255 characters: a longer one was not written by it, and parsing it costs
        // time in proportion to its length, for every style that names it.
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength || code.Equals("General", StringComparison.OrdinalIgnoreCase) || code == "@")
        {
            return NumberFormatKind.Number;
        }

        NumberFormat format;
        try
        {
            format = new NumberFormat(code);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // ExcelNumberFormat throws for some codes it cannot parse (a condition without a number, "[>=]0") where it
            // reports others as invalid: either way the format shows no date.
            return NumberFormatKind.Number;
        }

        if (!format.IsValid)
        {
            return NumberFormatKind.Number;
        }

        if (format.IsTimeSpanFormat)
        {
            return NumberFormatKind.Duration;
        }

        if (!format.IsDateTimeFormat)
        {
            return NumberFormatKind.Number;
        }

        return HasDatePart(code) ? NumberFormatKind.Date : NumberFormatKind.Time;
    }

    private static NumberFormatKind BuiltIn(int id, string? code) => id switch
    {
        14 or 15 or 16 or 17 or 22 or (>= 27 and <= 31) or (>= 34 and <= 36) or (>= 50 and <= 58) => NumberFormatKind.Date,
        18 or 19 or 20 or 21 or 32 or 33 or 45 or 47 => NumberFormatKind.Time,
        46 => NumberFormatKind.Duration,
        _ when code is not null => Classify(code),
        _ => NumberFormatKind.Number,
    };

    /// <summary>Whether a date or time format shows a day, month or year: y or d outside quoted text and [tags], or m without h and s.</summary>
    private static bool HasDatePart(string code)
    {
        var quoted = false;
        var bracketed = false;
        var hasMonthOrMinute = false;
        var hasHourOrSecond = false;
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

            if (quoted || bracketed)
            {
                continue;
            }

            switch (char.ToLowerInvariant(c))
            {
                case 'y' or 'd' or 'e' or 'g' or 'b':
                    return true;
                case 'm':
                    hasMonthOrMinute = true;
                    break;
                case 'h' or 's':
                    hasHourOrSecond = true;
                    break;
            }
        }

        return hasMonthOrMinute && !hasHourOrSecond;
    }
}
