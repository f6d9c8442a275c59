using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Html;

/// <summary>The banner: PASSED / FAILED, the run's status, and each crossed threshold with observed vs limit.</summary>
internal static class VerdictSection
{
    public static void Append(StringBuilder sb, RunResult r, IReadOnlySet<string> anchors)
    {
        var v = Verdict.Of(r);
        var css = !v.Passed ? "failed" : v.Gated ? "passed" : "ungated";
        sb.Append($"<header id=\"verdict\" class=\"verdict {css}\" data-passed=\"{(v.Passed ? "true" : "false")}\" data-status=\"{v.Status}\">\n");
        sb.Append("<h1><span class=\"word\">").Append(v.Word).Append("</span> ")
          .Append(HtmlTable.Esc(r.Test.TestSuite)).Append(" / ").Append(HtmlTable.Esc(r.Test.TestName));
        if (r.Status != RunStatus.Completed)
        {
            sb.Append("<span class=\"badge\">").Append(v.Status).Append("</span>");
        }

        sb.Append("</h1>\n<p>").Append(HtmlTable.Esc(v.Headline)).Append(" · ")
          .Append(HtmlTable.Esc(NumberText.Time(r.StartedUtc))).Append(" · ").Append(HtmlTable.Esc(NumberText.Duration(r.DurationMs))).Append("</p>\n");

        var crossed = r.Thresholds.Where(t => !t.Passed).ToList();
        if (crossed.Count > 0)
        {
            sb.Append("<ul>\n");
            foreach (var t in crossed)
            {
                sb.Append("<li><a href=\"#").Append(ThresholdAnchors.Of(t, anchors)).Append("\"><code>")
                  .Append(HtmlTable.Esc(t.Expression)).Append("</code></a> on ").Append(HtmlTable.Esc(Verdict.Target(t)))
                  .Append(": ").Append(HtmlTable.Esc(t.Description)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</header>\n");
    }
}
