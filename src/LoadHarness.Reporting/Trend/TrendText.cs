using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Trend;

/// <summary>Cells that trend.md and trend.html share.</summary>
internal static class TrendText
{
    /// <summary>"12 runs, 2026-11-01 09:00Z … 2026-12-06 01:10Z".</summary>
    public static string Span(TrendAnalysis trend) =>
        $"{ComparisonText.Runs(trend.Runs.Count)}, {RunNames.Started(trend.Runs[0].Result)} … {RunNames.Started(trend.Runs[^1].Result)}";

    /// <summary>The run's gate: passed, failed, or not gated (no thresholds: nothing was judged, as its own report says).</summary>
    public static string Gate(TrendPoint p) =>
        p.Run.Result.Status switch
        {
            RunStatus.Interrupted => "⚠ interrupted",
            RunStatus.Aborted => "✗ aborted",
            _ => Verdict.Of(p.Run.Result) switch
            {
                { Passed: false } => "✗ failed",
                { Gated: false } => "– not gated",
                _ => "✓ passed",
            },
        };

    /// <summary>The previous runs' values of a metric: "15.1 ms (12.9 – 43.1 ms)".</summary>
    public static string Previous(BuildComparison latest, MetricComparison m)
    {
        var values = latest.Baselines
            .Select(b => Scopes.Of(b.Result, m.Scenario, m.Step).Stats)
            .Where(s => s.RequestCount > 0)
            .Select(m.Metric.Overall)
            .ToList();
        if (values.Count == 0)
        {
            return NumberText.Missing;
        }

        var median = Statistics.Median(values);
        return $"{ComparisonText.Value(m.Metric, median)} ({ComparisonText.Value(m.Metric, values.Min())} – {ComparisonText.Value(m.Metric, values.Max())})";
    }
}
