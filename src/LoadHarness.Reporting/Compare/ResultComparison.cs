using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>One metric of one scenario or step, baseline beside candidate.</summary>
public sealed record MetricDelta(string Scope, string Metric, string Unit, bool LowerIsBetter, double Baseline, double Candidate, bool IsRegression)
{
    /// <summary>Relative change in percent (positive = grew); null when the baseline is zero.</summary>
    public double? ChangePercent => Baseline == 0 ? null : (Candidate - Baseline) / Baseline * 100;
}

/// <summary>
/// A comparison of two results (computed here, rendered elsewhere). Latencies (mean, p50, p95, p99) regress when they
/// grow by more than the tolerance, RPS when it falls by more than the tolerance, the error rate when it grows by more
/// than the tolerance (relative) and by at least 0.1 percentage point.
/// </summary>
public sealed record ResultComparison(string Baseline, string Candidate, double TolerancePercent, IReadOnlyList<MetricDelta> Deltas, IReadOnlyList<string> Missing)
{
    public bool HasRegression => Deltas.Any(d => d.IsRegression) || Missing.Count > 0;

    public static ResultComparison Compute(string baselineName, RunResult baseline, string candidateName, RunResult candidate, double tolerancePercent)
    {
        var deltas = new List<MetricDelta>();
        var missing = new List<string>();
        foreach (var b in baseline.Scenarios)
        {
            var c = candidate.Scenarios.FirstOrDefault(s => s.Name == b.Name);
            if (c is null)
            {
                missing.Add($"scenario {b.Name} is not in the candidate");
                continue;
            }

            Add(deltas, b.Name, b.Stats, c.Stats, tolerancePercent);
            foreach (var step in b.Steps)
            {
                if (c.Steps.FirstOrDefault(s => s.Name == step.Name) is { } candidateStep)
                {
                    Add(deltas, b.Name + "/" + step.Name, step.Stats, candidateStep.Stats, tolerancePercent);
                }
            }
        }

        return new ResultComparison(baselineName, candidateName, tolerancePercent, deltas, missing);
    }

    private static void Add(List<MetricDelta> deltas, string scope, StatsBlock b, StatsBlock c, double tolerance)
    {
        void Latency(string name, double baseline, double candidate) =>
            deltas.Add(new MetricDelta(scope, name, "ms", true, baseline, candidate, baseline > 0 && (candidate - baseline) / baseline * 100 > tolerance));

        Latency("mean", b.Latency.MeanMs, c.Latency.MeanMs);
        Latency("p50", b.Latency.P50Ms, c.Latency.P50Ms);
        Latency("p95", b.Latency.P95Ms, c.Latency.P95Ms);
        Latency("p99", b.Latency.P99Ms, c.Latency.P99Ms);
        deltas.Add(new MetricDelta(scope, "rps", "/s", false, b.Rps, c.Rps, b.Rps > 0 && (b.Rps - c.Rps) / b.Rps * 100 > tolerance));
        var errorGrew = c.ErrorRate - b.ErrorRate >= 0.001
            && (b.ErrorRate == 0 || (c.ErrorRate - b.ErrorRate) / b.ErrorRate * 100 > tolerance);
        deltas.Add(new MetricDelta(scope, "errors", "%", true, b.ErrorRate * 100, c.ErrorRate * 100, errorGrew));
    }
}
