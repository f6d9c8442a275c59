using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Formatting;

/// <summary>Where in index.html a threshold's metric is shown, from the outcome's typed metric.</summary>
internal static class ThresholdAnchors
{
    /// <summary>The metric's chart when the report has it (<paramref name="chartIds"/>), else the scenarios table.</summary>
    public static string Of(ThresholdOutcome outcome, IReadOnlySet<string> chartIds)
    {
        var anchor = Preferred(outcome);
        return anchor.StartsWith("chart-", StringComparison.Ordinal) && !chartIds.Contains(anchor) ? "scenarios" : anchor;
    }

    private static string Preferred(ThresholdOutcome t) => (t.Kind, t.Stat) switch
    {
        (ThresholdMetric.Measurement, _) => t.Metric.StartsWith("db.", StringComparison.Ordinal) ? "section-database"
            : t.Metric.StartsWith("app.", StringComparison.Ordinal) ? "section-app-metrics"
            : "thresholds",
        (_, ThresholdStat.Rps) => ChartIds.Rps,
        (_, ThresholdStat.Dropped) => ChartIds.Load,
        (ThresholdMetric.Checks, _) => "checks",
        _ when t.Unit == ThresholdUnit.Milliseconds => t.Scenario is null ? "chart-percentiles" : ChartIds.Latency(t.Scenario),
        _ when t.Unit is ThresholdUnit.Fraction or ThresholdUnit.Percent => ChartIds.Errors,
        _ => "scenarios",
    };
}
