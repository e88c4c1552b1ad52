using System.Globalization;

namespace BatchOrders.Reading;

/// <summary>
/// A cell's value as text, as Excel shows it, the same for .xlsx, .xlsb and .xls: numbers to 15 significant digits
/// (so <c>3.0000000000000004</c> is 3, as Excel shows it), dates as ISO dates, times of day and durations as
/// h:mm:ss; never a date as its day count. Excel's two date systems are honoured: days since 1900 (with Excel's
/// 29 February 1900) or since 1904.
/// </summary>
internal static class CellText
{
    /// <summary>The last serial Excel shows as a date: 9999-12-31.</summary>
    private const double LastSerial = 2_958_465;

    /// <summary>A number as Excel shows it in the formula bar: at most 15 significant digits.</summary>
    public static string Number(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>A number written in a workbook (invariant, maybe with 17 digits), as Excel shows it; unparseable text unchanged.</summary>
    public static string Number(string stored)
    {
        // Most stored numbers are short whole numbers (quantities, ids): already as Excel shows them.
        if (stored.Length <= 15 && IsPlainDigits(stored))
        {
            return stored;
        }

        return double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Number(value) : stored;
    }

    /// <summary>
    /// What a user is told about a number shown with a date, time or duration format that lies past 9999-12-31, which
    /// Excel shows as ##### (<see cref="Serial(double, NumberFormatKind, bool)"/> gives null for it).
    /// </summary>
    public const string PastLastDayMessage =
        "The cell is formatted as a date and its number lies past Excel's last day, so Excel shows it as #####: a date after 9999-12-31 cannot be an order value. Clear the cell's date format and type the value.";

    /// <summary>
    /// A stored number shown with a date, time or duration format, as the text that format shows; unparseable text
    /// unchanged; null when the date lies past 9999-12-31 (<see cref="PastLastDayMessage"/>).
    /// </summary>
    public static string? Serial(string stored, NumberFormatKind kind, bool date1904) =>
        double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) ? Serial(serial, kind, date1904) : stored;

    /// <summary>
    /// A serial day number as the date, time of day or duration its format shows; null when it lies past 9999-12-31
    /// (Excel shows #####), which no date, time or duration can be.
    /// </summary>
    public static string? Serial(double serial, NumberFormatKind kind, bool date1904)
    {
        if (kind == NumberFormatKind.Number || double.IsNaN(serial))
        {
            return Number(serial);
        }

        // Rounded to the second first: 2958465.99999999 is the first second of the year 10000.
        if (serial >= LastSerial + 1 || Math.Round(serial * 86_400, MidpointRounding.AwayFromZero) >= (LastSerial + 1) * 86_400)
        {
            return null;
        }

        if (serial < -LastSerial)
        {
            return Number(serial);
        }

        var seconds = (long)Math.Round(serial * 86_400, MidpointRounding.AwayFromZero);
        if (kind == NumberFormatKind.Duration)
        {
            return Duration(TimeSpan.FromSeconds(seconds));
        }

        if (serial < 0)
        {
            return Number(serial);
        }

        var days = seconds / 86_400;
        var timeOfDay = TimeSpan.FromSeconds(seconds % 86_400);
        if (kind == NumberFormatKind.Time)
        {
            return TimeOfDay(timeOfDay);
        }

        string date;
        if (date1904)
        {
            // The 1904 system's last day is 1,462 days earlier in serials: past it is past 9999-12-31 too.
            var first = new DateTime(1904, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            if (days > (System.DateTime.MaxValue - first).Days)
            {
                return null;
            }

            date = Date(first.AddDays(days));
        }
        else if (days == 0)
        {
            date = "1900-01-00";
        }
        else if (days == 60)
        {
            // Excel's 1900 system has a 29 February 1900 (after Lotus 1-2-3), which no calendar has.
            date = "1900-02-29";
        }
        else
        {
            date = Date(new DateTime(1899, 12, days < 60 ? 31 : 30, 0, 0, 0, DateTimeKind.Unspecified).AddDays(days));
        }

        return timeOfDay == TimeSpan.Zero ? date : $"{date} {TimeOfDay(timeOfDay)}";
    }

    /// <summary>A date (and time) a reader already converted, as its format shows it.</summary>
    public static string DateTime(DateTime value, NumberFormatKind kind)
    {
        var seconds = Math.Round(value.Ticks / (double)TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);
        var rounded = new DateTime(Math.Min((long)seconds * TimeSpan.TicksPerSecond, System.DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
        if (kind == NumberFormatKind.Time)
        {
            return TimeOfDay(rounded.TimeOfDay);
        }

        return rounded.TimeOfDay == TimeSpan.Zero ? Date(rounded) : $"{Date(rounded)} {TimeOfDay(rounded.TimeOfDay)}";
    }

    /// <summary>Elapsed time as [h]:mm:ss: hours past 24 and a minus sign are kept.</summary>
    public static string Duration(TimeSpan value)
    {
        var seconds = (long)Math.Round(value.TotalSeconds, MidpointRounding.AwayFromZero);
        var sign = seconds < 0 ? "-" : string.Empty;
        seconds = Math.Abs(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    /// <summary>
    /// A Strict Open XML date cell (ISO 8601 text such as <c>2009-01-01T11:00:00.000000209</c> or a time
    /// <c>10:59:59.9999999</c>) as the same text a serial date gives; text that is no ISO date unchanged; null when
    /// its time rounds past 9999-12-31 (<see cref="PastLastDayMessage"/>).
    /// </summary>
    public static string? IsoDate(string text, NumberFormatKind kind)
    {
        var span = text.AsSpan().Trim();
        var separator = span.IndexOf('T');
        ReadOnlySpan<char> datePart = separator >= 0 ? span[..separator] : span.Contains(':') ? default : span;
        ReadOnlySpan<char> timePart = separator >= 0 ? span[(separator + 1)..] : span.Contains(':') ? span : default;

        var date = new DateTime(1899, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);
        if (!datePart.IsEmpty && !System.DateTime.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return text;
        }

        var time = TimeSpan.Zero;
        if (!timePart.IsEmpty && !TryParseTime(timePart, out time))
        {
            return text;
        }

        if (datePart.IsEmpty || kind == NumberFormatKind.Time)
        {
            return TimeOfDay(TimeSpan.FromSeconds(Math.Round(time.TotalSeconds) % 86_400));
        }

        // 9999-12-31T23:59:59.9999 rounds to the second that starts the year 10000.
        return time.Ticks > System.DateTime.MaxValue.Ticks - date.Ticks - (TimeSpan.TicksPerSecond / 2)
            ? null
            : DateTime(date + time, NumberFormatKind.Date);
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out TimeSpan time)
    {
        // An offset or Z at the end says where the time was taken; the cell shows the time as written.
        var end = text.IndexOfAny('Z', '+');
        if (end < 0 && text.LastIndexOf('-') is var minus and > 0)
        {
            end = minus;
        }

        var clock = end >= 0 ? text[..end] : text;
        var dot = clock.IndexOf('.');
        var whole = dot >= 0 ? clock[..dot] : clock;
        if (!TimeSpan.TryParseExact(whole, [@"hh\:mm\:ss", @"hh\:mm"], CultureInfo.InvariantCulture, out time))
        {
            return false;
        }

        if (dot >= 0)
        {
            // More digits than a double holds are only noise (Excel writes up to 17); they cannot move the second.
            var fraction = clock[dot..];
            if (!double.TryParse(fraction.Length > 18 ? fraction[..18] : fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                return false;
            }

            time += TimeSpan.FromSeconds(seconds);
        }

        time = TimeSpan.FromSeconds(Math.Round(time.TotalSeconds, MidpointRounding.AwayFromZero));
        return true;
    }

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string TimeOfDay(TimeSpan time) => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static bool IsPlainDigits(string text)
    {
        var start = text.Length > 1 && text[0] == '-' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return text.Length > start;
    }
}
