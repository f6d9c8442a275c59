namespace LoadHarness.Reporting.Formatting;

internal enum ThresholdUnit
{
    Number,
    Milliseconds,
    Fraction,
    PerSecond,
}

/// <summary>What a threshold's metric name ("p(95)", "avg", "rate", "rps", "checks", ...) measures, for units and chart links.</summary>
internal static class ThresholdMetric
{
    public static ThresholdUnit UnitOf(string metric)
    {
        var m = metric.Trim().ToLowerInvariant();
        if (m.StartsWith("p(", StringComparison.Ordinal) || m is "avg" or "mean" or "min" or "max" or "med" or "median")
        {
            return ThresholdUnit.Milliseconds;
        }

        return m switch
        {
            "rate" or "error_rate" or "errors" or "checks" or "fail_rate" => ThresholdUnit.Fraction,
            "rps" => ThresholdUnit.PerSecond,
            _ => ThresholdUnit.Number,
        };
    }

    /// <summary>
    /// The anchor in index.html that shows a threshold's metric: its chart when the report has it
    /// (<paramref name="chartIds"/>), else the scenarios table.
    /// </summary>
    public static string ChartAnchor(string metric, string? scenario, IReadOnlySet<string> chartIds)
    {
        var anchor = PreferredAnchor(metric, scenario);
        return anchor.StartsWith("chart-", StringComparison.Ordinal) && !chartIds.Contains(anchor) ? "scenarios" : anchor;
    }

    private static string PreferredAnchor(string metric, string? scenario)
    {
        var m = metric.Trim().ToLowerInvariant();
        if (UnitOf(m) == ThresholdUnit.Milliseconds)
        {
            return scenario is null ? "chart-percentiles" : ChartIds.Latency(scenario);
        }

        return m switch
        {
            "rps" => ChartIds.Rps,
            "checks" => "checks",
            "dropped" => ChartIds.Load,
            _ when UnitOf(m) == ThresholdUnit.Fraction => ChartIds.Errors,
            _ => "scenarios",
        };
    }
}
