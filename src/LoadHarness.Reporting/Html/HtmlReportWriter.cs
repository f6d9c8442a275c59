using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Html;

/// <summary>index.html: one self-contained page (inline CSS, SVG charts and script), rendered from the RunResult alone.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public const string FileName = "index.html";

    public string Format => ReportFormats.Html;

    public Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken) =>
        AtomicFile.WriteReportAsync(result, outputFolder, FileName, Render, cancellationToken);

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = RenderedChart.For(result);
        var sb = new StringBuilder(256 * 1024);
        var v = Verdict.Of(result);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>")
          .Append(v.Word).Append(" · ").Append(HtmlTable.Esc(result.Test.TestSuite)).Append(" / ").Append(HtmlTable.Esc(result.Test.TestName))
          .Append(" · LoadHarness</title>\n<style>\n").Append(HtmlAssets.Css).Append("</style>\n</head>\n<body>\n");

        var anchors = charts.Select(c => c.Id).Concat(result.Sections.Select(s => ChartIds.Section(s.Id))).ToHashSet(StringComparer.Ordinal);
        VerdictSection.Append(sb, result, anchors);
        AppendNav(sb, result, charts.Count > 0);
        ThresholdSection.Append(sb, result, anchors);
        ScenarioSection.Append(sb, result);
        ChartSection.Append(sb, charts);
        ChecksSection.Append(sb, result);
        CustomSections.Append(sb, result);
        TestInfoSection.Append(sb, result);

        sb.Append("<footer>LoadHarness ").Append(HtmlTable.Esc(result.Environment.HarnessVersion))
          .Append(" · session ").Append(HtmlTable.Esc(result.Test.SessionId))
          .Append(" · re-render with <code>loadharness report result.json</code></footer>\n")
          .Append("<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendNav(StringBuilder sb, RunResult r, bool hasCharts)
    {
        sb.Append("<nav><a href=\"#thresholds\">Thresholds</a><a href=\"#scenarios\">Scenarios</a>");
        if (hasCharts)
        {
            sb.Append("<a href=\"#charts\">Charts</a>");
        }

        sb.Append("<a href=\"#checks\">Checks</a>");
        foreach (var s in r.Sections)
        {
            sb.Append("<a href=\"#").Append(ChartIds.Section(s.Id)).Append("\">").Append(HtmlTable.Esc(s.Title)).Append("</a>");
        }

        sb.Append("<a href=\"#test-info\">Test</a></nav>\n");
    }
}
