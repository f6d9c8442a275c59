using System.Text;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Markdown;

namespace LoadHarness.Reporting.Trend;

/// <summary>trend.md: the latest run's verdict against its history, then every run per scenario in time order.</summary>
public static class TrendMarkdown
{
    public const string FileName = "trend.md";

    public static string Render(TrendAnalysis trend)
    {
        var s = new StringBuilder();
        var icon = trend.Latest?.Outcome switch { ComparisonOutcome.Regression => "❌", null or ComparisonOutcome.NotComparable => "⚠️", _ => "✅" };
        s.Append("## ").Append(icon).Append(" Trend: ").Append(MarkdownTable.Escape(trend.TestName)).Append(" — latest run: ").AppendLine(trend.Headline).AppendLine();
        s.Append("**").Append(TrendText.Span(trend)).AppendLine("**").AppendLine();
        if (trend.Latest is { } latest)
        {
            s.Append("The latest run (").Append(MarkdownTable.Escape(latest.Candidates[0].Name)).Append(") against the previous ")
              .Append(ComparisonText.Runs(latest.Baselines.Count)).Append(": ").Append(ComparisonText.Summary(latest)).AppendLine(".").AppendLine();
            var table = new MarkdownTable(("scenario", false), ("metric", false), ("latest", true), ("previous: median (min – max)", true),
                ("change", true), ("per second [95 % interval]", true), ("verdict", false));
            foreach (var m in latest.Metrics.Where(m => m.Step is null))
            {
                table.Row(m.Scenario, m.Metric.Name, ComparisonText.Value(m.Metric, m.Candidate), TrendText.Previous(latest, m),
                    ComparisonText.Change(m), ComparisonText.Interval(m), ComparisonText.Word(m.Verdict));
            }

            table.AppendTo(s);
            foreach (var t in latest.Thresholds.Where(t => t.Change is ThresholdChange.NewlyCrossed or ThresholdChange.NowHeld))
            {
                s.Append("- threshold `").Append(t.Expression).Append("` on ").Append(MarkdownTable.Escape(t.Target)).Append(": ").AppendLine(ComparisonText.Word(t.Change));
            }
        }

        foreach (var series in trend.Scenarios)
        {
            s.AppendLine().Append("### ").AppendLine(MarkdownTable.Escape(series.Scenario)).AppendLine();
            var table = new MarkdownTable(("#", true), ("run", false), ("gate", false), ("p50", true), ("p95", true), ("RPS", true), ("errors", true));
            for (var i = 0; i < series.Points.Count; i++)
            {
                var p = series.Points[i];
                table.Row((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p.Run.Name, TrendText.Gate(p),
                    NumberText.Ms(p.P50Ms) + " ms", NumberText.Ms(p.P95Ms) + " ms", NumberText.Rate(p.Rps) + "/s", NumberText.Percent(p.ErrorRate));
            }

            table.AppendTo(s);
        }

        foreach (var note in trend.Notes)
        {
            s.Append("- note: ").AppendLine(MarkdownTable.Escape(note));
        }

        if (trend.Latest is { } judged)
        {
            s.AppendLine().Append("<sub>").Append(MarkdownTable.Escape(ComparisonText.HowDecided(judged))).AppendLine("</sub>");
        }

        return s.ToString();
    }
}
