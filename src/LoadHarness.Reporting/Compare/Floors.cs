using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Compare;

/// <summary>
/// The absolute floor of each metric: the latency change that matters is 1 % of the scope's p(95) threshold (the
/// step's own, else the scenario's, else one for all scenarios; the strictest when several), else 1 ms, unless
/// <c>--min-change-ms</c> says otherwise. A 0.6 ms change under a 500 ms budget is not a regression.
/// </summary>
internal static class Floors
{
    public static (double Floor, string Source) Of(MetricDescriptor metric, RunResult reference, string scenario, string? step, CompareOptions options)
    {
        switch (metric.Kind)
        {
            case SampleKind.ErrorRate:
                return (options.MinErrorPoints, "default");
            case SampleKind.Throughput:
                return (options.MinRps, "default");
        }

        if (options.MinChangeMs is { } ms)
        {
            return (ms, "--min-change-ms");
        }

        var p95 = reference.Thresholds
            .Select(t => (Outcome: t, Parsed: ThresholdExpression.TryParse(t.Expression, out var parsed, out _) ? parsed : null))
            .Where(t => t.Parsed is { Metric: ThresholdMetric.Latency or ThresholdMetric.OkLatency, Stat: ThresholdStat.Percentile, Percentile: 95 }
                && t.Parsed.Operator is ThresholdOperator.Less or ThresholdOperator.LessOrEqual && t.Parsed.Limit > 0)
            .ToList();
        var scoped = p95.Where(t => t.Outcome.Scenario == scenario && t.Outcome.Step == step && step is not null).ToList();
        if (scoped.Count == 0)
        {
            scoped = [.. p95.Where(t => t.Outcome.Scenario == scenario && t.Outcome.Step is null)];
        }

        if (scoped.Count == 0)
        {
            scoped = [.. p95.Where(t => t.Outcome.Scenario is null)];
        }

        if (scoped.Count == 0)
        {
            return (CompareOptions.DefaultMinChangeMs, "default");
        }

        var strictest = scoped.MinBy(t => t.Parsed!.Limit);
        return (strictest.Parsed!.Limit * CompareOptions.ThresholdShare,
            string.Create(CultureInfo.InvariantCulture, $"{CompareOptions.ThresholdShare * 100:0.#} % of {strictest.Outcome.Expression}"));
    }
}
