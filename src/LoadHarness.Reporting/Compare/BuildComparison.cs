using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>The overall answer of a comparison.</summary>
public enum ComparisonOutcome
{
    /// <summary>No metric regressed and no threshold that held is crossed now.</summary>
    NoRegression,

    /// <summary>A metric regressed (beyond tolerance, floor and noise) or a threshold that held is crossed now.</summary>
    Regression,

    /// <summary>The runs measured different things (scenarios, plans, segments, thresholds): nothing was compared.</summary>
    NotComparable,
}

/// <summary>
/// Baseline runs against candidate runs (computed here, rendered by <see cref="ComparisonRenderer"/>, <see cref="ComparisonJson"/>
/// and <see cref="ComparePage"/>): per scenario and step, each metric of <see cref="MetricDescriptor.All"/> with its verdict,
/// the thresholds' verdicts side by side and the result sections (database health) side by side.
/// </summary>
public sealed record BuildComparison
{
    public const string Method =
        "paired moving-block bootstrap of per-second samples (each second paired with the same second of the other side; "
        + "runs and blocks of seconds resampled with replacement; the change ± Student's t of the blocks × the resamples' standard deviation)";

    public required IReadOnlyList<ComparedRun> Baselines { get; init; }

    public required IReadOnlyList<ComparedRun> Candidates { get; init; }

    public required CompareOptions Options { get; init; }

    /// <summary>Why the runs cannot be compared; empty when they can.</summary>
    public IReadOnlyList<string> NotComparable { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<MetricComparison> Metrics { get; init; } = [];

    public IReadOnlyList<ThresholdComparison> Thresholds { get; init; } = [];

    public IReadOnlyList<SectionComparison> Sections { get; init; } = [];

    public ComparisonOutcome Outcome =>
        NotComparable.Count > 0 ? ComparisonOutcome.NotComparable
        : Metrics.Any(m => m.Verdict == ChangeVerdict.Regressed) || Thresholds.Any(t => t.Change == ThresholdChange.NewlyCrossed)
            ? ComparisonOutcome.Regression
            : ComparisonOutcome.NoRegression;

    public int Count(ChangeVerdict verdict) => Metrics.Count(m => m.Verdict == verdict);

    public static BuildComparison Compute(IReadOnlyList<ComparedRun> baselines, IReadOnlyList<ComparedRun> candidates, CompareOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(baselines.Count);
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        options ??= new CompareOptions();
        var reference = baselines[0];
        var problems = new List<string>();
        var notes = new List<string>();
        foreach (var (run, role) in baselines.Skip(1).Select(r => (r, "baseline")).Concat(candidates.Select(r => (r, "candidate"))))
        {
            var who = $"{role} {run.Source}";
            problems.AddRange(Comparability.Problems(reference.Result, run.Result).Select(p => $"{who}: {p}"));
            notes.AddRange(Comparability.Notes(reference.Result, run.Result, who));
        }

        if (Comparability.StatusNote(reference.Result, "baseline " + reference.Source) is { } status)
        {
            notes.Insert(0, status);
        }

        if (baselines.Count == 1)
        {
            notes.Add("one baseline run: the interval measures the noise within each run, not from run to run; "
                + "give several baselines (--baseline a.json b.json c.json, or a folder) to include it");
        }

        var comparison = new BuildComparison
        {
            Baselines = baselines,
            Candidates = candidates,
            Options = options,
            NotComparable = [.. problems.Distinct(StringComparer.Ordinal)],
            Notes = [.. notes.Distinct(StringComparer.Ordinal)],
        };
        if (problems.Count > 0)
        {
            return comparison;
        }

        var latestBaseline = baselines.MaxBy(b => b.Result.StartedUtc)!.Result;
        return comparison with
        {
            Metrics = CompareMetrics(baselines, candidates, options),
            Thresholds = ThresholdComparison.Compute(baselines, candidates),
            Sections = SectionComparison.Compute(latestBaseline, candidates[^1].Result),
        };
    }

    private static List<MetricComparison> CompareMetrics(IReadOnlyList<ComparedRun> baselines, IReadOnlyList<ComparedRun> candidates, CompareOptions options)
    {
        var reference = baselines[0].Result;
        var metrics = new List<MetricComparison>();
        foreach (var scenario in reference.Scenarios)
        {
            foreach (var step in new string?[] { null }.Concat(scenario.Steps.Select(s => s.Name)))
            {
                var baseScopes = baselines.Select(r => Scopes.Of(r.Result, scenario.Name, step)).ToList();
                var candScopes = candidates.Select(r => Scopes.Of(r.Result, scenario.Name, step)).ToList();
                var scope = MetricDescriptor.All.Select(metric => CompareMetric(metric, reference, scenario.Name, step, baseScopes, candScopes, options)).ToList();
                metrics.AddRange(scenario.Model == LoadModel.Closed ? ThroughputFollowsLatency(scope) : scope);
            }
        }

        return metrics;
    }

    /// <summary>
    /// Closed model: each VU's cycle is its request's latency plus think time plus the generator's own work between
    /// iterations, so requests/s = VUs ÷ cycle. A throughput change without a latency change the same way (beyond the
    /// tolerance, the floor and the noise) came from the generator's side: the machine, not the target. It is then
    /// inconclusive, never a regression (on a busy CI runner, A/A runs without think time differed by 20 % in
    /// requests/s with every latency within its floor). With the latency regressed, the throughput's regression stands.
    /// </summary>
    internal static List<MetricComparison> ThroughputFollowsLatency(List<MetricComparison> scope)
    {
        for (var i = 0; i < scope.Count; i++)
        {
            var m = scope[i];
            if (m.Metric.Kind != SampleKind.Throughput || m.Verdict is not (ChangeVerdict.Regressed or ChangeVerdict.Improved))
            {
                continue;
            }

            var latencySameWay = scope.Any(l => l.Metric.Kind == SampleKind.Latency && l.Verdict == m.Verdict);
            if (!latencySameWay)
            {
                scope[i] = m with
                {
                    Verdict = ChangeVerdict.Inconclusive,
                    Reason = m.Reason + "; but in a closed model requests/s follow the latency (VUs ÷ (latency + think time)) and no latency "
                        + (m.Verdict == ChangeVerdict.Regressed ? "regressed" : "improved")
                        + ": the change is the load generator's or the machine's, not the target's (an open model judges throughput on its own)",
                };
            }
        }

        return scope;
    }

    private static MetricComparison CompareMetric(
        MetricDescriptor metric, RunResult reference, string scenario, string? step,
        List<(StatsBlock Stats, IReadOnlyList<IntervalPoint> Timeline)> baselines,
        List<(StatsBlock Stats, IReadOnlyList<IntervalPoint> Timeline)> candidates,
        CompareOptions options)
    {
        var baseline = Statistics.Median(baselines.Where(s => s.Stats.RequestCount > 0).Select(s => metric.Overall(s.Stats)));
        var candidate = Statistics.Median(candidates.Where(s => s.Stats.RequestCount > 0).Select(s => metric.Overall(s.Stats)));
        var (floor, source) = Floors.Of(metric, reference, scenario, step, options);
        var data = AlignedSeconds.Build([.. baselines.Select(s => s.Timeline), .. candidates.Select(s => s.Timeline)], metric);
        var scope = step is null ? scenario : scenario + "/" + step;
        var evidence = PairedBootstrap.Estimate(data, baselines.Count, metric.Kind, options, Statistics.StableSeed(scope + "|" + metric.Name));
        var (verdict, reason) = double.IsFinite(baseline) && double.IsFinite(candidate)
            ? VerdictRule.Decide(metric, baseline, candidate, floor, evidence, options)
            : (ChangeVerdict.Inconclusive, "no requests on one side");
        return new MetricComparison
        {
            Scenario = scenario,
            Step = step,
            Metric = metric,
            Baseline = baseline,
            Candidate = candidate,
            Floor = floor,
            FloorSource = source,
            Evidence = evidence,
            Verdict = verdict,
            Reason = reason,
        };
    }
}
