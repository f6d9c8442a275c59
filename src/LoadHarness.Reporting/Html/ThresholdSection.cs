using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Html;

/// <summary>Every threshold with its observed value; each row links to the chart that shows its metric.</summary>
internal static class ThresholdSection
{
    public static void Append(StringBuilder sb, RunResult r, IReadOnlySet<string> anchors)
    {
        sb.Append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n");
        if (r.Thresholds.Count == 0)
        {
            sb.Append("<p class=\"note\">No thresholds were set: the run passes whatever it measured.</p>\n</section>\n");
            return;
        }

        var table = new HtmlTable("thresholds", sortable: false, ("Result", false), ("Target", false), ("Threshold", false), ("Observed", true), ("Detail", false), ("Chart", false));
        foreach (var t in r.Thresholds)
        {
            var anchor = ThresholdAnchors.Of(t, anchors);
            table.Row(
                t.Passed ? "pass" : "fail",
                new Cell(t.Passed ? "<span class=\"pass\">✓ " + HtmlTable.Esc(ThresholdText.Of(t)) + "</span>" : "<span class=\"fail\">✗ " + HtmlTable.Esc(ThresholdText.Of(t)) + "</span>"),
                Verdict.Target(t),
                new Cell("<code>" + HtmlTable.Esc(t.Expression) + "</code>"),
                Cell.Number(NumberText.Observed(t), t.Observed ?? double.NaN),
                t.Description,
                new Cell($"<a href=\"#{anchor}\">{HtmlTable.Esc(anchor.Replace("chart-", string.Empty, StringComparison.Ordinal))}</a>"));
        }

        table.AppendTo(sb);
        sb.Append("</section>\n");
    }
}
