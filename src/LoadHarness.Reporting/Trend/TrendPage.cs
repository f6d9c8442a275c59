using System.Globalization;
using System.Text;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Html;

namespace LoadHarness.Reporting.Trend;

/// <summary>
/// trend.html: one self-contained page — the latest run's verdict against the previous runs, the charts of p50/p95, RPS
/// and error rate across runs per scenario (failed gates marked), the evidence of the latest run and every run's figures.
/// </summary>
public static class TrendPage
{
    public const string FileName = "trend.html";

    private const string ExtraCss = ComparePage.VerdictCss + """
tr.gate-failed td.gate { color: var(--fail); font-weight: 600; }
tr.gate-passed td.gate { color: var(--ok); }
td.reason { color: var(--muted); font-size: 12px; min-width: 260px; max-width: 420px; }
""";

    public static string Render(TrendAnalysis trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var charts = TrendCharts.Build(trend);
        var sb = new StringBuilder(256 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>").Append(trend.Headline).Append(" · trend · ")
          .Append(HtmlTable.Esc(trend.TestName)).Append(" · LoadHarness</title>\n<style>\n").Append(HtmlAssets.Css).Append(ExtraCss)
          .Append("</style>\n</head>\n<body>\n");
        Banner(sb, trend);
        sb.Append("<nav><a href=\"#charts\">Charts</a><a href=\"#evidence\">Latest run</a><a href=\"#runs\">Runs</a></nav>\n");
        ChartSection.Append(sb, charts);
        if (trend.Latest is { } latest)
        {
            CompareSections.Evidence(sb, latest);
        }
        else
        {
            sb.Append("<section id=\"evidence\">\n<h2>Evidence per metric</h2>\n<p class=\"note\">Not judged: too few comparable earlier runs.</p>\n</section>\n");
        }

        Runs(sb, trend);
        sb.Append("<footer>LoadHarness · re-render with <code>loadharness trend … --out DIR</code></footer>\n")
          .Append("<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Banner(StringBuilder sb, TrendAnalysis trend)
    {
        var latest = trend.Latest;
        var css = latest?.Outcome switch { ComparisonOutcome.Regression => "failed", ComparisonOutcome.NoRegression => "passed", _ => "warn" };
        var outcome = latest?.Outcome switch { ComparisonOutcome.Regression => "regression", ComparisonOutcome.NoRegression => "no-regression", _ => "not-judged" };
        sb.Append("<header id=\"verdict\" class=\"verdict ").Append(css).Append("\" data-outcome=\"").Append(outcome).Append("\">\n<h1><span class=\"word\">")
          .Append(trend.Headline).Append("</span> ").Append(HtmlTable.Esc(trend.TestName)).Append("</h1>\n<p>")
          .Append(HtmlTable.Esc(TrendText.Span(trend)));
        if (latest is not null)
        {
            sb.Append(" · the latest run (").Append(HtmlTable.Esc(latest.Candidates[0].Name)).Append(") against the previous ")
              .Append(ComparisonText.Runs(latest.Baselines.Count)).Append(": ").Append(HtmlTable.Esc(ComparisonText.Summary(latest)));
        }

        sb.Append("</p>\n");
        if (trend.Notes.Count > 0)
        {
            sb.Append("<ul>\n");
            foreach (var note in trend.Notes)
            {
                sb.Append("<li>").Append(HtmlTable.Esc(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</header>\n");
    }

    private static void Runs(StringBuilder sb, TrendAnalysis trend)
    {
        sb.Append("<section id=\"runs\">\n<h2>Runs</h2>\n");
        foreach (var series in trend.Scenarios)
        {
            sb.Append("<h3>").Append(HtmlTable.Esc(series.Scenario)).Append("</h3>\n");
            var table = new HtmlTable("trend", sortable: true, ("#", true), ("Build", false), ("Commit", false), ("Started", false), ("Gate", false),
                ("p50", true), ("p95", true), ("RPS", true), ("Errors", true), ("Requests", true));
            for (var i = 0; i < series.Points.Count; i++)
            {
                var p = series.Points[i];
                var r = p.Run.Result;
                table.Row(p.GatePassed ? "gate-passed" : "gate-failed",
                    Cell.Number((i + 1).ToString(CultureInfo.InvariantCulture), i + 1),
                    RunNames.Build(r) ?? "-",
                    RunNames.ShortCommit(r) ?? "-",
                    NumberText.Time(r.StartedUtc),
                    new Cell(HtmlTable.Esc(TrendText.Gate(p)), Class: "gate"),
                    Cell.Number(NumberText.Ms(p.P50Ms) + " ms", p.P50Ms),
                    Cell.Number(NumberText.Ms(p.P95Ms) + " ms", p.P95Ms),
                    Cell.Number(NumberText.Rate(p.Rps) + "/s", p.Rps),
                    Cell.Number(NumberText.Percent(p.ErrorRate), p.ErrorRate),
                    Cell.Number(NumberText.Count(p.Requests), p.Requests));
            }

            table.AppendTo(sb);
        }

        sb.Append("</section>\n");
    }
}
