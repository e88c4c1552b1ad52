namespace BatchOrders.Tests.Support;

/// <summary>
/// One order sheet written as .xlsx, .xlsb and .xls alike, with what makes spreadsheets hard to read: a title above
/// the header, a blank row, a quantity from a formula carrying floating-point noise, a 17-digit number, a date, a
/// time of day and a duration; so a test can check that every format reads the same rows.
/// </summary>
public static class OrderWorkbooks
{
    public const string DateFormat = "yyyy-mm-dd";
    public const string TimeFormat = "h:mm";
    public const string DurationFormat = "[h]:mm:ss";

    /// <summary>The rows: title (1), header (3), orders on rows 4, 5 and 7 (6 is blank).</summary>
    public static RawRow[] Rows(bool date1904 = false)
    {
        // 2026-03-01 is serial 46082 in the 1900 system and 44620 in the 1904 one.
        var start = date1904 ? 44_620d : 46_082d;
        RawCell[] header = [.. RawCell.Texts("CustomerId", "OfferId", "Quantity", "BillingCycle", "Unit price", "Start", "Call at", "Effort").Select(c => c!)];
        return
        [
            new RawRow(1, RawCell.Text("Migration day - wave 1")),
            new RawRow(3, header),
            new RawRow(4, RawCell.Text(Support.Rows.Customer), RawCell.Text(Support.Rows.E3), RawCell.FormulaNumber(0.1 * 3 * 10), RawCell.Text("Monthly"),
                RawCell.Number(1.1299999999999999), RawCell.Number(start, DateFormat), RawCell.Number(0.5625, TimeFormat), RawCell.Number(1.5, DurationFormat)),
            new RawRow(5, RawCell.Text(Support.Rows.Customer), RawCell.Text(Support.Rows.E1), RawCell.Number(5), RawCell.Text("Monthly")),
            new RawRow(7, RawCell.Text(Support.Rows.OtherCustomer), RawCell.FormulaText(Support.Rows.CatalogId), RawCell.Number(12), RawCell.Text("Annual"),
                RawCell.Number(20), RawCell.FormulaNumber(start + 31, DateFormat)),
        ];
    }

    /// <summary>The cells those rows read as, data rows only, in header order (8 columns).</summary>
    public static string[][] ExpectedCells =>
    [
        [Support.Rows.Customer, Support.Rows.E3, "3", "Monthly", "1.13", "2026-03-01", "13:30:00", "36:00:00"],
        [Support.Rows.Customer, Support.Rows.E1, "5", "Monthly", string.Empty, string.Empty, string.Empty, string.Empty],
        [Support.Rows.OtherCustomer, Support.Rows.CatalogId, "12", "Annual", "20", "2026-04-01", string.Empty, string.Empty],
    ];

    public static string Xlsx(TempFolder folder, string name, bool date1904 = false, bool splitRows = false, Func<string, string>? entryName = null) =>
        folder.WriteBytes(name, new RawXlsx { Date1904 = date1904, SplitRows = splitRows, EntryName = entryName ?? (n => n) }.Sheet("Orders", Rows(date1904)).ToBytes());

    public static string Xlsb(TempFolder folder, string name, bool date1904 = false, bool splitRows = false) =>
        folder.WriteBytes(name, new RawXlsb { Date1904 = date1904, SplitRows = splitRows }.Sheet("Orders", Rows(date1904)).ToBytes());

    public static string Xls(TempFolder folder, string name, bool date1904 = false) =>
        folder.WriteBytes(name, new RawXls { Date1904 = date1904 }.Sheet("Orders", Rows(date1904)).ToBytes());
}
