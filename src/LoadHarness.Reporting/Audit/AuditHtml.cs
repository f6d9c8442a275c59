using System.Text;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Html;

namespace LoadHarness.Reporting.Audit;

/// <summary>
/// audit.html / queries.html: one self-contained page in the style of index.html (its stylesheet and sort script):
/// the verdict banner, facts, recommendations by severity with their SQL, sortable tables, notes.
/// </summary>
public static class AuditHtml
{
    private const string ExtraCss = """
ul.findings { list-style: none; padding: 0; margin: 8px 0; }
ul.findings li { margin: 0 0 10px; padding: 8px 12px; border-left: 4px solid var(--line); background: var(--card); border-radius: 4px; }
ul.findings li.critical { border-left-color: var(--fail); }
ul.findings li.warning { border-left-color: var(--warn); }
ul.findings li.info { border-left-color: var(--link); }
.sev { display: inline-block; min-width: 64px; font-weight: 600; text-transform: uppercase; font-size: 12px; letter-spacing: 0.04em; }
li.critical .sev, tr.critical td:first-child, tr.fail td:first-child { color: var(--fail); }
li.warning .sev, tr.warning td:first-child { color: var(--warn); }
li.info .sev { color: var(--link); }
tr.ok td:first-child { color: var(--ok); }
ul.findings code { display: block; margin-top: 4px; font-size: 12px; overflow-wrap: anywhere; }
p.caption { color: var(--muted); margin: 0 0 4px; }

""";

    public static string Render(AuditDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>")
          .Append(HtmlTable.Esc(document.Verdict.Word)).Append(" · ").Append(HtmlTable.Esc(document.Title)).Append(" · LoadHarness</title>\n<style>\n")
          .Append(HtmlAssets.Css).Append(ExtraCss).Append("</style>\n</head>\n<body>\n");

        var css = document.Verdict.Passed ? "passed" : "failed";
        sb.Append("<header id=\"verdict\" class=\"verdict ").Append(css).Append("\" data-passed=\"").Append(document.Verdict.Passed ? "true" : "false")
          .Append("\" data-kind=\"").Append(HtmlTable.Esc(document.Kind)).Append("\">\n<h1><span class=\"word\">")
          .Append(HtmlTable.Esc(document.Verdict.Word)).Append("</span> ").Append(HtmlTable.Esc(document.Title)).Append("</h1>\n<p>")
          .Append(HtmlTable.Esc(document.Verdict.Summary)).Append("</p>\n</header>\n");

        sb.Append("<nav><a href=\"#findings\">").Append(document.Kind == "queries" ? "Verdicts" : "Recommendations").Append("</a>");
        foreach (var table in document.Tables)
        {
            sb.Append("<a href=\"#").Append(Id(table.Id)).Append("\">").Append(HtmlTable.Esc(table.Title)).Append("</a>");
        }

        sb.Append("<a href=\"#notes\">Notes</a></nav>\n");
        AppendFacts(sb, document);
        AppendFindings(sb, document);
        foreach (var table in document.Tables)
        {
            AppendTable(sb, table);
        }

        sb.Append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        foreach (var note in document.Notes)
        {
            sb.Append("<li class=\"note\">").Append(HtmlTable.Esc(note)).Append("</li>\n");
        }

        sb.Append("</ul>\n</section>\n<footer>LoadHarness")
          .Append(document.Command is null ? "" : " · <code>" + HtmlTable.Esc(document.Command) + "</code>")
          .Append("</footer>\n<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendFacts(StringBuilder sb, AuditDocument document)
    {
        if (document.Facts.Count == 0)
        {
            return;
        }

        sb.Append("<div class=\"scroll\"><table class=\"info\" id=\"facts\">\n<tbody>\n");
        foreach (var (label, value) in document.Facts)
        {
            sb.Append("<tr><th>").Append(HtmlTable.Esc(label)).Append("</th><td>").Append(HtmlTable.Esc(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static void AppendFindings(StringBuilder sb, AuditDocument document)
    {
        sb.Append("<section id=\"findings\">\n<h2>").Append(document.Kind == "queries" ? "Verdicts" : "Recommendations").Append("</h2>\n");
        if (document.Findings.Count == 0)
        {
            sb.Append("<p class=\"note\">Nothing to recommend.</p>\n</section>\n");
            return;
        }

        sb.Append("<ul class=\"findings\">\n");
        foreach (var f in document.Findings)
        {
            var level = AuditCellFormat.Word(f.Level);
            sb.Append("<li class=\"").Append(level).Append("\" data-kind=\"").Append(HtmlTable.Esc(f.Kind)).Append("\"><span class=\"sev\">")
              .Append(level).Append("</span> ").Append(HtmlTable.Esc(f.Message));
            if (f.Sql is not null)
            {
                sb.Append("<code>").Append(HtmlTable.Esc(f.Sql)).Append("</code>");
            }

            sb.Append("</li>\n");
        }

        sb.Append("</ul>\n</section>\n");
    }

    private static void AppendTable(StringBuilder sb, AuditDocumentTable table)
    {
        sb.Append("<section id=\"").Append(Id(table.Id)).Append("\">\n<h2>").Append(HtmlTable.Esc(table.Title)).Append("</h2>\n");
        if (table.Caption is not null)
        {
            sb.Append("<p class=\"caption\">").Append(HtmlTable.Esc(table.Caption)).Append("</p>\n");
        }

        if (table.Rows.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(HtmlTable.Esc(table.EmptyText ?? "None.")).Append("</p>\n</section>\n");
            return;
        }

        var html = new HtmlTable("audit", sortable: true, [.. table.Columns.Select(c => (c.Header, c.IsNumeric))]);
        foreach (var row in table.Rows)
        {
            html.Row(row.Status, [.. row.Cells.Select((cell, i) => Cell(cell, i < table.Columns.Count ? table.Columns[i].Kind : AuditColumnKind.Text))]);
        }

        html.AppendTo(sb);
        sb.Append("</section>\n");
    }

    private static Cell Cell(AuditCell cell, AuditColumnKind kind) =>
        cell.Value is { } value && cell.Text is null && double.IsFinite(value)
            ? Html.Cell.Number(AuditCellFormat.Text(cell, kind), value)
            : Html.Cell.Text(AuditCellFormat.Text(cell, kind));

    private static string Id(string id) => "table-" + ChartIds.Slug(id);
}
