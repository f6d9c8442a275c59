using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Markdown;

namespace LoadHarness.Reporting.Html;

/// <summary>The result's generic sections (database health, query benchmarks, ...), each its own section.</summary>
internal static class CustomSections
{
    public static void Append(StringBuilder sb, RunResult r)
    {
        foreach (var section in r.Sections)
        {
            sb.Append("<section id=\"").Append(ChartIds.Section(section.Id)).Append("\" class=\"custom\">\n<h2>")
              .Append(HtmlTable.Esc(section.Title)).Append("</h2>\n");
            foreach (var note in section.Notes)
            {
                sb.Append("<p class=\"note\">").Append(HtmlTable.Esc(note)).Append("</p>\n");
            }

            foreach (var t in section.Tables)
            {
                sb.Append("<h3>").Append(HtmlTable.Esc(t.Title)).Append("</h3>\n");
                var table = new HtmlTable("custom", sortable: true, [.. t.Columns.Select((c, i) => (c, MarkdownSummary.LooksNumeric(t, i)))]);
                foreach (var row in t.Rows)
                {
                    table.Row(null, [.. row.Select(Cell.Text)]);
                }

                table.AppendTo(sb);
            }

            sb.Append("</section>\n");
        }
    }
}
