using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Formatting;

/// <summary>Where in index.html a threshold's metric is shown, from the outcome's typed metric.</summary>
internal static class ThresholdAnchors
{
    /// <summary>
    /// The metric's chart or section when the report has it (<paramref name="anchors"/>: its charts' ids and its sections'
    /// <c>section-</c> ids), else the scenarios table for a request metric, or the thresholds table for a figure.
    /// </summary>
    public static string Of(ThresholdOutcome outcome, IReadOnlySet<string> anchors)
    {
        var anchor = Preferred(outcome);
        return anchor.StartsWith("chart-", StringComparison.Ordinal) && !anchors.Contains(anchor) ? "scenarios"
            : anchor.StartsWith("section-", StringComparison.Ordinal) && !anchors.Contains(anchor) ? "thresholds"
            : anchor;
    }

    private static string Preferred(ThresholdOutcome t) => (t.Kind, t.Stat) switch
    {
        (ThresholdMetric.Measurement, _) => FigureSections.Of(t.Metric) is { } section ? ChartIds.Section(section) : "thresholds",
        (_, ThresholdStat.Rps) => ChartIds.Rps,
        (_, ThresholdStat.Dropped) => ChartIds.Load,
        (ThresholdMetric.Checks, _) => "checks",
        _ when t.Unit == ThresholdUnit.Milliseconds => t.Scenario is null ? "chart-percentiles" : ChartIds.Latency(t.Scenario),
        _ when t.Unit is ThresholdUnit.Fraction or ThresholdUnit.Percent => ChartIds.Errors,
        _ => "scenarios",
    };
}
