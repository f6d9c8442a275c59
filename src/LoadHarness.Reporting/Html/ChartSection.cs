using System.Text;
using LoadHarness.Reporting.Charts;

namespace LoadHarness.Reporting.Html;

/// <summary>Every chart as inline SVG in a figure whose id is the chart's anchor.</summary>
internal static class ChartSection
{
    public static void Append(StringBuilder sb, IReadOnlyList<ReportChart> charts) => Append(sb, [.. charts.Select(c => c.Render())]);

    public static void Append(StringBuilder sb, IReadOnlyList<RenderedChart> charts)
    {
        sb.Append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (charts.Count == 0)
        {
            sb.Append("<p class=\"note\">No timeline or latency data to chart.</p>\n");
        }

        sb.Append("<div class=\"charts\">\n");
        foreach (var chart in charts)
        {
            sb.Append("<figure class=\"chart\" id=\"").Append(chart.Id).Append("\">\n")
              .Append(chart.InlineSvg).Append('\n')
              .Append("<figcaption><strong>").Append(HtmlTable.Esc(chart.Title)).Append(".</strong> ")
              .Append(HtmlTable.Esc(chart.Caption)).Append("</figcaption>\n</figure>\n");
        }

        sb.Append("</div>\n</section>\n");
    }
}
