using System.Text;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>A plain console table: columns padded to their widest cell, numbers right-aligned; long cells cut with an ellipsis.</summary>
internal sealed class TextTable(params (string Header, bool Right)[] columns)
{
    private const int MaxWidth = 60;
    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public TextTable Row(params string[] cells)
    {
        rows.Add(cells.Select(c => c.Length > MaxWidth ? c[..(MaxWidth - 1)] + "…" : c).ToArray());
        return this;
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        writer.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths, indent));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row, widths, indent));
        }
    }

    private string Line(string[] cells, int[] widths, string indent)
    {
        var sb = new StringBuilder(indent);
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : "";
            sb.Append(columns[i].Right ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            if (i < columns.Length - 1)
            {
                sb.Append("  ");
            }
        }

        return sb.ToString().TrimEnd();
    }
}
