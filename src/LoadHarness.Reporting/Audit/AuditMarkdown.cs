using System.Text;
using LoadHarness.Reporting.Markdown;

namespace LoadHarness.Reporting.Audit;

/// <summary>audit.md / queries.md: the verdict, the recommendations with their SQL, every table, the notes.</summary>
public static class AuditMarkdown
{
    public static string Render(AuditDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("# ").Append(document.Title).Append("\n\n");
        sb.Append("**").Append(document.Verdict.Word).Append("** — ").Append(document.Verdict.Summary).Append("\n\n");
        if (document.Facts.Count > 0)
        {
            var facts = new MarkdownTable(("", false), ("", false));
            foreach (var (label, value) in document.Facts)
            {
                facts.Row(label, value);
            }

            facts.AppendTo(sb);
        }

        sb.Append("## ").Append(document.Kind == "queries" ? "Verdicts" : "Recommendations").Append("\n\n");
        if (document.Findings.Count == 0)
        {
            sb.Append("Nothing to recommend.\n\n");
        }

        foreach (var finding in document.Findings)
        {
            sb.Append("- **").Append(AuditCellFormat.Word(finding.Level)).Append("** ").Append(MarkdownTable.Escape(finding.Message)).Append('\n');
            if (finding.Sql is not null)
            {
                sb.Append("  `").Append(finding.Sql.Replace("`", "'", StringComparison.Ordinal)).Append("`\n");
            }
        }

        sb.Append('\n');
        foreach (var table in document.Tables)
        {
            sb.Append("## ").Append(table.Title).Append("\n\n");
            if (table.Caption is not null)
            {
                sb.Append(table.Caption).Append("\n\n");
            }

            if (table.Rows.Count == 0)
            {
                sb.Append(table.EmptyText ?? "None.").Append("\n\n");
                continue;
            }

            var md = new MarkdownTable([.. table.Columns.Select(c => (c.Header, c.IsNumeric))]);
            foreach (var row in table.Rows)
            {
                md.Row([.. row.Cells.Select((cell, i) => AuditCellFormat.Text(cell, i < table.Columns.Count ? table.Columns[i].Kind : AuditColumnKind.Text))]);
            }

            md.AppendTo(sb);
        }

        if (document.Notes.Count > 0)
        {
            sb.Append("## Notes\n\n");
            foreach (var note in document.Notes)
            {
                sb.Append("- ").Append(note).Append('\n');
            }

            sb.Append('\n');
        }

        if (document.Command is not null)
        {
            sb.Append("_Made by `").Append(document.Command).Append("`._\n");
        }

        return sb.ToString();
    }
}
