using System.Globalization;
using System.Text;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Html;

namespace LoadHarness.Reporting.Compare;

/// <summary>compare.html's tables: the evidence per metric, the thresholds, the result sections side by side.</summary>
internal static class CompareSections
{
    public static string RowId(MetricComparison m) => "m-" + ChartIds.Slug(m.Scope) + "-" + m.Metric.Name;

    public static void Evidence(StringBuilder sb, BuildComparison c)
    {
        sb.Append("<section id=\"evidence\">\n<h2>Evidence per metric</h2>\n");
        if (c.NotComparable.Count > 0)
        {
            sb.Append("<p>Not comparable, so nothing was compared:</p>\n<ul>\n");
            foreach (var problem in c.NotComparable)
            {
                sb.Append("<li>").Append(HtmlTable.Esc(problem)).Append("</li>\n");
            }

            sb.Append("</ul>\n</section>\n");
            return;
        }

        var table = new HtmlTable("evidence", sortable: true, ("Scope", false), ("Metric", false), ("Baseline", true), ("Candidate", true),
            ("Change", true), ("Per second [95 % interval]", true), ("Floor", true), ("Seconds", true), ("Verdict", false), ("Why", false));
        foreach (var m in c.Metrics)
        {
            var verdictCell = $"<span id=\"{RowId(m)}\">{HtmlTable.Esc(ComparisonText.Word(m.Verdict))}</span>";
            table.Row(
                $"verdict-{m.Verdict.ToString().ToLowerInvariant()}{(m.Step is null ? " scenario" : " step")}",
                m.Scope,
                m.Metric.Name,
                Cell.Number(ComparisonText.Value(m.Metric, m.Baseline), m.Baseline),
                Cell.Number(ComparisonText.Value(m.Metric, m.Candidate), m.Candidate),
                Cell.Number(ComparisonText.Change(m), m.ChangePercent ?? m.Change),
                Cell.Number(ComparisonText.Interval(m), m.Evidence.Effect ?? double.NaN),
                new Cell(HtmlTable.Esc(ComparisonText.Floor(m)) + $"<br><span class=\"note\">{HtmlTable.Esc(m.FloorSource)}</span>", NumberText.Raw(m.Floor)),
                Cell.Number(m.Evidence.Pairs.ToString(CultureInfo.InvariantCulture), m.Evidence.Pairs),
                new Cell(verdictCell, Class: "verdict"),
                new Cell(HtmlTable.Esc(m.Reason), Class: "reason"));
        }

        table.AppendTo(sb);
        sb.Append("</section>\n");
    }

    public static void Thresholds(StringBuilder sb, BuildComparison c)
    {
        sb.Append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n");
        if (c.Thresholds.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(c.NotComparable.Count > 0 ? "Not compared." : "No thresholds on either side.").Append("</p>\n</section>\n");
            return;
        }

        var table = new HtmlTable("thresholds", sortable: false, ("Target", false), ("Threshold", false), ("Baseline", true), ("Held", true),
            ("Candidate", true), ("Held", true), ("Change", false));
        foreach (var t in c.Thresholds)
        {
            table.Row(
                "threshold-" + t.Change.ToString().ToLowerInvariant(),
                t.Target,
                new Cell("<code>" + HtmlTable.Esc(t.Expression) + "</code>"),
                t.BaselineObserved,
                $"{t.BaselineHeld} of {t.BaselineRuns}",
                t.CandidateObserved,
                $"{t.CandidateHeld} of {t.CandidateRuns}",
                new Cell(HtmlTable.Esc(ComparisonText.Word(t.Change)), Class: "verdict"));
        }

        table.AppendTo(sb);
        sb.Append("</section>\n");
    }

    public static void ResultSections(StringBuilder sb, BuildComparison c)
    {
        sb.Append("<section id=\"sections\">\n<h2>Database health and other sections</h2>\n");
        if (c.Sections.Count == 0)
        {
            sb.Append("<p class=\"note\">No section (such as database health) on both sides.</p>\n");
        }

        foreach (var section in c.Sections)
        {
            sb.Append("<div id=\"").Append(ChartIds.Section(section.Id)).Append("\" class=\"compared-section\">\n<h3>")
              .Append(HtmlTable.Esc(section.Title)).Append(" <span class=\"note\">(latest baseline → candidate)</span></h3>\n");
            foreach (var note in section.Notes)
            {
                sb.Append("<p class=\"note\">").Append(HtmlTable.Esc(note)).Append("</p>\n");
            }

            foreach (var t in section.Tables)
            {
                sb.Append("<h3>").Append(HtmlTable.Esc(t.Title)).Append("</h3>\n");
                var table = new HtmlTable("compared", sortable: false, [.. t.Columns.Select((name, i) => (name, i > 0))]);
                foreach (var row in t.Rows)
                {
                    var key = row.Key + (row.InBaseline ? row.InCandidate ? "" : " (baseline only)" : " (candidate only)");
                    table.Row(null, [Cell.Text(key), .. row.Cells.Select(CellHtml)]);
                }

                table.AppendTo(sb);
            }

            sb.Append("</div>\n");
        }

        sb.Append("</section>\n");
    }

    private static Cell CellHtml(CellChange cell)
    {
        if (!cell.Changed)
        {
            return Cell.Text(cell.Candidate);
        }

        var change = cell.ChangePercent is { } p ? $" ({VerdictRule.Signed(p)} %)" : "";
        return new Cell($"{HtmlTable.Esc(cell.Baseline)} → {HtmlTable.Esc(cell.Candidate)}{HtmlTable.Esc(change)}", Class: "changed");
    }
}
