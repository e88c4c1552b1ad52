using BatchOrders.Reading;

namespace BatchOrders.Tests.Reading;

public sealed class CellBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(0x7FFF)]
    [InlineData(0x8000)]
    [InlineData(40_000)]
    public void Its_segments_are_laid_out_as_a_row_block_writes_them(int longCell)
    {
        var cells = new[] { "ab", string.Empty, new string('x', longCell), "z" };
        var buffer = Fill(cells, reserveExtra: 3);

        Assert.Equal(Expected(cells), buffer.Segments(cells.Length).ToString());
        Assert.Equal(Expected(cells[..2]), buffer.Segments(2).ToString());
        Assert.Equal(cells, buffer.ToStrings());
    }

    [Fact]
    public void A_cell_set_aside_long_but_written_short_takes_a_short_length()
    {
        var buffer = new CellBuffer();
        var room = buffer.Reserve(40_000);
        "abc".CopyTo(room);
        buffer.End(3);

        Assert.Equal(Expected(["abc"]), buffer.Segments(1).ToString());
        Assert.Equal("abc", buffer[0].ToString());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0x8000)]
    public void Trimming_the_last_cells_start_keeps_the_layout(int length)
    {
        var text = "'" + new string('7', length);
        var buffer = Fill(["a", text], reserveExtra: 0);

        buffer.TrimLastStart(1);

        Assert.Equal(Expected(["a", text[1..]]), buffer.Segments(2).ToString());
        Assert.Equal(text[1..], buffer[1].ToString());
    }

    [Fact]
    public void A_cleared_buffer_starts_a_new_row()
    {
        var buffer = Fill(["one", "two"], reserveExtra: 0);
        buffer.Clear();
        Write(buffer, "three", reserveExtra: 0);

        Assert.Equal(1, buffer.Count);
        Assert.Equal(Expected(["three"]), buffer.Segments(1).ToString());
    }

    private static CellBuffer Fill(string[] cells, int reserveExtra)
    {
        var buffer = new CellBuffer();
        foreach (var cell in cells)
        {
            Write(buffer, cell, reserveExtra);
        }

        return buffer;
    }

    private static void Write(CellBuffer buffer, string cell, int reserveExtra)
    {
        cell.CopyTo(buffer.Reserve(cell.Length + reserveExtra));
        buffer.End(cell.Length);
    }

    private static string Expected(string[] cells)
    {
        var text = new char[cells.Sum(c => RowBlock.SegmentLength(c.Length))];
        var at = 0;
        foreach (var cell in cells)
        {
            RowBlock.Write(text, ref at, cell);
        }

        return new string(text);
    }
}
