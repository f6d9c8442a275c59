using System.Text;

namespace LoadHarness.Reporting.Markdown;

/// <summary>A GitHub-flavoured markdown table; numeric columns are right-aligned.</summary>
internal sealed class MarkdownTable(params (string Header, bool Numeric)[] columns)
{
    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public MarkdownTable Row(params string[] cells)
    {
        rows.Add(cells);
        return this;
    }

    public void AppendTo(StringBuilder sb)
    {
        sb.Append('|');
        foreach (var c in columns)
        {
            sb.Append(' ').Append(Escape(c.Header)).Append(" |");
        }

        sb.Append('\n').Append('|');
        foreach (var c in columns)
        {
            sb.Append(c.Numeric ? " ---: |" : " --- |");
        }

        sb.Append('\n');
        foreach (var row in rows)
        {
            sb.Append('|');
            for (var i = 0; i < columns.Length; i++)
            {
                sb.Append(' ').Append(Escape(i < row.Length ? row[i] : string.Empty)).Append(" |");
            }

            sb.Append('\n');
        }

        sb.Append('\n');
    }

    /// <summary>Pipes and line breaks would end a cell; backslash-escape the one, flatten the other.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", " ", StringComparison.Ordinal)
            .Replace('\n', ' ')
            .Replace('\r', ' ');
}
