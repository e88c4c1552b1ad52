using System.Globalization;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>
/// Values that find the edges of a reader: numbers at the limits of their types and of Excel's (serial dates past
/// 9999-12-31, 15 and 17 digits, rows and columns past the last), texts that are hard to show, store or escape.
/// </summary>
internal static class InterestingValues
{
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "1.5", "5.0", "5.", ".5", "1e308", "-1e308", "1e-320", "4.9E-324", "NaN", "Infinity", "-Infinity", "INF",
        "2147483647", "2147483648", "-2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999",
        "99999999999999999999999999999", "2958465", "2958466", "2958465.9999999", "2958465.99999999999", "2957004", "-2958466",
        "60", "0.5", "1.0000000000000002", "3.0000000000000004", "1,000", "1.000", "1 000", "1_000", "0x10", "1e5", "１２", "٣",
        "+5", " 5 ", "5 licences", "", " ",
    ];

    public static readonly string[] Texts =
    [
        "_x0041_", "_x005F_x0041_", "_x0001_", "_xD83D_", "_xD83D__xDE00_", "_x", "_x00", "x_x0000_y",
        "=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@HYPERLINK(\"x\")", "\t=1", "\r=1",
        "😀", "👨‍👩‍👧‍👦", "🇩🇪🇫🇷", "e\u0301\u0301\u0301", "\u202Eevil\u202C", "\u200D", "\uFEFF", "\uFFFE", "\uFFFD", "\u0000", "\u0007\u001F\u007F",
        "Müller GmbH", "Bäckerei Schön", "東京", "\u0645\u0631\u062D\u0628\u0627", "   ", "\n", "\r\n", "\"", "\"\"", "'", "<", "&", "]]>", "<![CDATA[x]]>",
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08", "{46A62ECE-10AD-42E5-B3F1-B2ED53E6FC08}", "46a62ece10ad42e5b3f1b2ed53e6fc08",
        "00000000-0000-0000-0000-000000000000", "46a62ece-10ad-42e5-b3f1", "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM", "cfq7ttc0lf8q:0001:cfq7ttc0k5dm",
        "P1Y", "p1m", "P99999999999Y", "P", "PT1H", "Monthly", "ANNUAL", "none", "Quarterly", "2026-03-01", "13:30:00", "#N/A", "#DIV/0!", "TRUE",
    ];

    public static readonly int[] Integers =
    [
        0, 1, -1, 2, 255, 256, 1023, 1024, 1025, 16383, 16384, 16385, 32767, 32768, 65535, 65536, 1_048_575, 1_048_576, 1_048_577,
        int.MaxValue, int.MinValue, int.MaxValue - 1, 0x7FFF_FFF0, 0x00FF_FFFF, 0x0100_0000,
    ];

    public static readonly double[] Doubles =
    [
        0, -0.0, 1, -1, 0.5, 2958465, 2958466, 2958465.99999999, 2958465.9999999999, 2957004, -2958466, 1e308, -1e308, double.Epsilon,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, 4294967296, 9.2233720368547758E+18, 1e15, 123456789012345678,
    ];

    public static readonly string[] References =
    [
        "A1", "A0", "XFD1", "XFE1", "XFD1048576", "A1048577", "ZZZZZZZZ1", "AAAAAAAAAAAAAAAAAAAA99", "a1", "1A", "", "$A$1", "A-1", "A99999999999", "R1C1",
    ];

    public static string Number(Random random) => Numbers[random.Next(Numbers.Length)];

    public static string Text(Random random) => random.Next(8) switch
    {
        0 => new string('x', random.Next(4) switch { 0 => 32_767, 1 => 32_768, 2 => 40_000, _ => random.Next(100, 5_000) }),
        1 => string.Concat(Enumerable.Repeat(Texts[random.Next(Texts.Length)], random.Next(2, 200))),
        2 => "e" + new string('\u0301', random.Next(10, 5_000)),
        _ => Texts[random.Next(Texts.Length)],
    };

    public static string Any(Random random) => random.Next(2) == 0 ? Number(random) : Text(random);

    public static int Integer(Random random) => random.Next(4) == 0 ? random.Next() - (random.Next(2) * int.MaxValue) : Integers[random.Next(Integers.Length)];

    public static double Double(Random random) => random.Next(5) == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64()) : Doubles[random.Next(Doubles.Length)];

    public static string Reference(Random random) => random.Next(3) == 0
        ? $"{Letters(random)}{random.Next(0, 1_100_000).ToString(CultureInfo.InvariantCulture)}"
        : References[random.Next(References.Length)];

    private static string Letters(Random random)
    {
        var letters = new char[random.Next(1, 5)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('A' + random.Next(26));
        }

        return new string(letters);
    }
}
