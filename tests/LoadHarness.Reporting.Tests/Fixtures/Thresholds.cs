using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>Judges a simple "metric &lt; limit" threshold on built stats, the way the engine's evaluator reports it.</summary>
internal static class Thresholds
{
    public static ThresholdOutcome Judge(RunResult run, string? scenario, string? step, string metric, double limit)
    {
        var stats = scenario is null
            ? null
            : step is null
                ? run.Scenarios.Single(s => s.Name == scenario).Stats
                : run.Scenarios.Single(s => s.Name == scenario).Steps.Single(s => s.Name == step).Stats;
        double? observed = stats is null || stats.RequestCount == 0 ? null : metric switch
        {
            "p(95)" => stats.Latency.P95Ms,
            "p(99)" => stats.Latency.P99Ms,
            "avg" => stats.Latency.MeanMs,
            "rate" => stats.ErrorRate,
            _ => throw new ArgumentException(metric, nameof(metric)),
        };
        var unit = metric == "rate" ? string.Empty : " ms";
        var expression = string.Create(CultureInfo.InvariantCulture, $"{metric} < {limit}");
        var parsed = ThresholdExpression.Parse(expression);
        return new ThresholdOutcome
        {
            Kind = parsed.Metric,
            Stat = parsed.Stat,
            Unit = parsed.Unit,
            Expression = expression,
            Scenario = scenario,
            Step = step,
            Metric = metric,
            Observed = observed,
            NoData = observed is null,
            Passed = observed is { } o && o < limit,
            Description = observed is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{metric}={v:0.###}{unit}, limit < {limit}{unit}")
                : "no data",
        };
    }
}
