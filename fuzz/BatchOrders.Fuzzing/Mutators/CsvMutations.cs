using System.Text;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>
/// Changes that understand CSV: encodings (UTF-16 and UTF-32 either way, GB18030, Shift-JIS, EBCDIC, KOI8-R, Windows-1252)
/// and byte order marks (of those and of UTF-7, UTF-1, UTF-EBCDIC, SCSU, BOCU-1), bytes no encoding spells, control characters, quotes
/// that never close, values at the edges, headers renamed, moved or missing, delimiters and line endings mixed, lines
/// removed, repeated and swapped. Sizes stay modest here: the huge inputs are <see cref="HugeInputs"/>.
/// </summary>
internal static class CsvMutations
{
    private static readonly string[] HeaderNames =
    [
        "CustomerId", "Customer ID", "Tenant Id", "OfferId", "Offer ID", "Catalog Item Id", "Quantity", "Qty", "Seats", "BillingCycle",
        "Billing", "FriendlyName", "Nickname", "ParentSubscriptionId", "OrderId", "Order ID", "TermDuration", "Term", "PromotionId",
        "PartnerIdOnRecord", "MPN Id", "OrderGroup", "Notes", "", " ", "customer_id", "QUANTITY", "Quantity ", "Result: State",
    ];

    static CsvMutations() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("bom", (bytes, random) => random.Next(12) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. bytes],
            1 => [0xFF, 0xFE, .. bytes],
            2 => [0xFE, 0xFF, .. bytes],
            3 => [0xFF, 0xFE, 0x00, 0x00, .. bytes],
            4 => [0x00, 0x00, 0xFE, 0xFF, .. bytes],
            5 => [0x2B, 0x2F, 0x76, 0x38, .. bytes], // UTF-7
            6 => [0x84, 0x31, 0x95, 0x33, .. bytes], // GB18030
            7 => [0xDD, 0x73, 0x66, 0x73, .. bytes], // UTF-EBCDIC
            8 => [0x0E, 0xFE, 0xFF, .. bytes], // SCSU
            9 => [0xFB, 0xEE, 0x28, .. bytes], // BOCU-1
            10 => [0xF7, 0x64, 0x4C, .. bytes], // UTF-1
            _ => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. bytes],
        }),
        new("re-encode", (bytes, random) =>
        {
            var text = Decode(bytes);
            return random.Next(11) switch
            {
                0 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
                1 => Encoding.Unicode.GetBytes(text),
                2 => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
                3 => Encoding.GetEncoding(1252).GetBytes(text),
                4 => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)],
                5 => [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(text)],
                6 => [0x84, 0x31, 0x95, 0x33, .. Encoding.GetEncoding(54936).GetBytes(text)], // GB18030 with its mark
                7 => Encoding.GetEncoding(932).GetBytes(text), // Shift-JIS
                8 => Encoding.GetEncoding(37).GetBytes(text), // EBCDIC
                9 => Encoding.GetEncoding(20866).GetBytes(text), // KOI8-R
                _ => Encoding.Latin1.GetBytes(text),
            };
        }),
        new("bad-utf8", (bytes, random) =>
        {
            byte[][] bad = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80], [0xFC], [0xE9]];
            var result = bytes;
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var at = random.Next(result.Length + 1);
                result = [.. result.AsSpan(0, at), .. bad[random.Next(bad.Length)], .. result.AsSpan(at)];
            }

            return result;
        }),
        new("stray-1252-byte", (bytes, random) =>
        {
            // A name pasted from a Windows-1252 file into a UTF-8 one: mostly UTF-8.
            var text = Decode(bytes) + "\n" + string.Join(",", "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08", "031c9e47-4802-4248-838e-778fb1d2cc05", "1", "Müller") + "\n";
            var utf8 = Encoding.UTF8.GetBytes(text);
            var stray = Encoding.GetEncoding(1252).GetBytes("é");
            var at = random.Next(utf8.Length + 1);
            return [.. utf8.AsSpan(0, at), .. stray, .. utf8.AsSpan(at)];
        }),
        new("controls", (bytes, random) => Text(bytes, random, (text, r) =>
        {
            var builder = new StringBuilder(text);
            for (var n = r.Next(1, 6); n > 0; n--)
            {
                builder.Insert(r.Next(builder.Length + 1), (char)(r.Next(3) == 0 ? 0 : r.Next(1, 32)));
            }

            return builder.ToString();
        })),
        new("quote", (bytes, random) => Text(bytes, random, (text, r) => text.Insert(r.Next(text.Length + 1), r.Next(3) == 0 ? "\"\"" : "\""))),
        new("open-quote", (bytes, random) => Fields(bytes, random, (fields, r) => fields[r.Next(fields.Count)] = "\"" + fields[r.Next(fields.Count)])),
        new("value", (bytes, random) => Fields(bytes, random, (fields, r) => fields[r.Next(fields.Count)] = Quoted(InterestingValues.Any(r), r))),
        new("number", (bytes, random) => Fields(bytes, random, (fields, r) => fields[r.Next(fields.Count)] = InterestingValues.Number(r))),
        new("header", (bytes, random) => Lines(bytes, random, (lines, r) =>
        {
            var header = Split(lines[0]);
            switch (r.Next(5))
            {
                case 0:
                    header[r.Next(header.Count)] = HeaderNames[r.Next(HeaderNames.Length)];
                    break;
                case 1:
                    header.RemoveAt(r.Next(header.Count));
                    break;
                case 2:
                    header.Insert(r.Next(header.Count + 1), HeaderNames[r.Next(HeaderNames.Length)]);
                    break;
                case 3:
                    header.Reverse();
                    break;
                default:
                    header[r.Next(header.Count)] = InterestingValues.Text(r);
                    break;
            }

            lines[0] = string.Join(",", header);
        })),
        new("title-rows", (bytes, random) => Lines(bytes, random, (lines, r) =>
        {
            for (var n = r.Next(1, 14); n > 0; n--)
            {
                lines.Insert(0, r.Next(2) == 0 ? $"Orders for {InterestingValues.Text(r)}" : string.Empty);
            }
        })),
        new("delimiter", (bytes, random) => Text(bytes, random, (text, r) =>
        {
            string[] separators = [",", ";", "\t", "|", " "];
            var from = separators[r.Next(separators.Length)];
            var to = separators[r.Next(separators.Length)];
            return r.Next(3) == 0 ? "sep=" + to + "\n" + text : text.Replace(from, to, StringComparison.Ordinal);
        })),
        new("line-endings", (bytes, random) => Text(bytes, random, (text, r) => r.Next(4) switch
        {
            0 => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\r'),
            1 => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal),
            2 => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\n\r", StringComparison.Ordinal),
            _ => text.TrimEnd('\r', '\n'),
        })),
        new("lines", (bytes, random) => Lines(bytes, random, (lines, r) =>
        {
            var at = r.Next(lines.Count);
            switch (r.Next(5))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    for (var n = r.Next(1, 50); n > 0; n--)
                    {
                        lines.Insert(at, lines[at]);
                    }

                    break;
                case 2:
                    (lines[at], lines[r.Next(lines.Count)]) = (lines[r.Next(lines.Count)], lines[at]);
                    break;
                case 3:
                    lines[at] = lines[at][..r.Next(lines[at].Length + 1)];
                    break;
                default:
                    lines.Insert(at, new string(',', r.Next(0, 30)));
                    break;
            }
        })),
        new("columns", (bytes, random) => Lines(bytes, random, (lines, r) =>
        {
            var extra = r.Next(4) switch { 0 => 1_023, 1 => 1_024, 2 => 1_025, _ => r.Next(1, 64) };
            var named = r.Next(2) == 0;
            for (var i = 0; i < lines.Count; i++)
            {
                lines[i] += string.Concat(Enumerable.Repeat(named || i == 0 ? ",x" : ",", extra));
            }
        })),
    ];

    /// <summary>The seed's text: UTF-8 (or what its byte order mark says), Windows-1252 when it is not UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static byte[]? Text(byte[] bytes, Random random, Func<string, Random, string> change) => Encoding.UTF8.GetBytes(change(Decode(bytes), random));

    private static byte[]? Lines(byte[] bytes, Random random, Action<List<string>, Random> change)
    {
        var lines = Decode(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        change(lines, random);
        return Encoding.UTF8.GetBytes(string.Join("\n", lines));
    }

    private static byte[]? Fields(byte[] bytes, Random random, Action<List<string>, Random> change) => Lines(bytes, random, (lines, r) =>
    {
        var at = lines.Count > 1 && r.Next(8) != 0 ? r.Next(1, lines.Count) : 0;
        var separator = lines[at].Contains(';', StringComparison.Ordinal) && !lines[at].Contains(',', StringComparison.Ordinal) ? ";" : ",";
        var fields = lines[at].Split(separator).ToList();
        change(fields, r);
        lines[at] = string.Join(separator, fields);
    });

    private static List<string> Split(string line) => [.. line.Split(line.Contains(';', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal) ? ';' : ',')];

    private static string Quoted(string value, Random random) =>
        random.Next(2) == 0 || value.AsSpan().IndexOfAny(",;\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
