using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;

namespace LoadHarness.Reporting.Tests.Compare;

/// <summary>Verdicts on synthetic pairs with known shifts (real HdrHistograms, seeded): found when planted, absent when not.</summary>
public sealed class VerdictTests
{
    private static BuildComparison Compare(RunResult baseline, RunResult candidate, CompareOptions? options = null) =>
        BuildComparison.Compute([new ComparedRun("base.json", baseline)], [new ComparedRun("cand.json", candidate)], options);

    private static MetricComparison Metric(BuildComparison c, string metric, string? step = null) =>
        c.Metrics.Single(m => m.Metric.Name == metric && m.Step == step);

    [Fact]
    public void Twenty_pairs_of_the_same_build_are_never_a_regression()
    {
        var regressions = new List<string>();
        for (var seed = 1; seed <= 20; seed++)
        {
            var c = Compare(SyntheticRuns.Build(new SyntheticRun { Seed = seed }), SyntheticRuns.Build(new SyntheticRun { Seed = seed + 1000 }));
            regressions.AddRange(c.Metrics.Where(m => m.Verdict == ChangeVerdict.Regressed).Select(m => $"seed {seed}: {m.Scope} {m.Metric.Name} {m.Reason}"));
            Assert.Equal(ComparisonOutcome.NoRegression, c.Outcome);
        }

        Assert.Empty(regressions);
    }

    [Fact]
    public void A_heavy_tail_that_swings_p99_from_run_to_run_is_not_a_regression()
    {
        // The case: 5 ms, and 2 % of requests up to 300 ms more; 12 s runs. A plain percent diff failed 4 of 10.
        for (var seed = 1; seed <= 10; seed++)
        {
            var spec = new SyntheticRun { MedianMs = 5, Sigma = 0.2, TailShare = 0.02, TailMs = 300, Seconds = 12, PeakRps = 40, Thresholds = [] };
            var c = Compare(SyntheticRuns.Build(spec with { Seed = seed }), SyntheticRuns.Build(spec with { Seed = seed + 500 }), new CompareOptions { TolerancePercent = 10 });
            Assert.True(c.Outcome == ComparisonOutcome.NoRegression, $"seed {seed}: " + ComparisonRenderer.Text(c));
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public void A_planted_slowdown_is_a_regression_of_every_latency_metric(double factor)
    {
        var c = Compare(SyntheticRuns.Build(new SyntheticRun { Seed = 3 }), SyntheticRuns.Build(new SyntheticRun { Seed = 4, Factor = factor }));

        Assert.Equal(ComparisonOutcome.Regression, c.Outcome);
        foreach (var name in new[] { "p50", "p95", "p99", "mean" })
        {
            var m = Metric(c, name);
            Assert.True(m.Verdict == ChangeVerdict.Regressed, $"{name}: {m.Verdict} {m.Reason}");
            Assert.True(m.Evidence.Low > 0, $"{name}: interval {m.Evidence.Low} .. {m.Evidence.High}");
            Assert.Equal(ChangeVerdict.Regressed, Metric(c, name, "get").Verdict);
        }

        Assert.Equal(ChangeVerdict.Unchanged, Metric(c, "rps").Verdict);
        Assert.Equal(ChangeVerdict.Unchanged, Metric(c, "errors").Verdict);
    }

    [Fact]
    public void A_speed_up_is_an_improvement_and_not_a_regression()
    {
        var c = Compare(SyntheticRuns.Build(new SyntheticRun { Seed = 5 }), SyntheticRuns.Build(new SyntheticRun { Seed = 6, Factor = 0.6 }));

        Assert.Equal(ComparisonOutcome.NoRegression, c.Outcome);
        Assert.Equal(ChangeVerdict.Improved, Metric(c, "p95").Verdict);
        Assert.True(Metric(c, "p95").Evidence.High < 0);
    }

    [Fact]
    public void A_change_below_the_floor_of_the_p95_threshold_is_unchanged_unless_the_floor_is_lowered()
    {
        // +3 ms on a 20 ms median: beyond 10 %, but under "p(95) < 500" only 5 ms matters.
        var baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 7 });
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 8, ShiftMs = 3 });

        var byDefault = Metric(Compare(baseline, candidate), "p50");
        Assert.Equal(ChangeVerdict.Unchanged, byDefault.Verdict);
        Assert.Equal(5, byDefault.Floor, 6);
        Assert.Equal("1 % of p(95) < 500", byDefault.FloorSource);
        Assert.Contains("floor", byDefault.Reason, StringComparison.Ordinal);

        var lowered = Metric(Compare(baseline, candidate, new CompareOptions { MinChangeMs = 1 }), "p50");
        Assert.Equal(ChangeVerdict.Regressed, lowered.Verdict);
        Assert.Equal("--min-change-ms", lowered.FloorSource);
    }

    [Fact]
    public void Without_a_p95_threshold_the_floor_is_one_millisecond()
    {
        var spec = new SyntheticRun { Thresholds = ["rate < 0.01"] };
        var c = Compare(SyntheticRuns.Build(spec with { Seed = 9 }), SyntheticRuns.Build(spec with { Seed = 10, ShiftMs = 3 }));

        Assert.Equal(1, Metric(c, "p50").Floor, 6);
        Assert.Equal(ChangeVerdict.Regressed, Metric(c, "p50").Verdict);
    }

    [Fact]
    public void More_errors_and_less_throughput_are_regressions_too()
    {
        // An open model (a planned arrival rate): fewer requests/s is the target's doing (dropped iterations).
        var c = Compare(
            Open(SyntheticRuns.Build(new SyntheticRun { Seed = 11, ErrorRate = 0.001, Thresholds = [] })),
            Open(SyntheticRuns.Build(new SyntheticRun { Seed = 12, ErrorRate = 0.05, RpsFactor = 0.6, Thresholds = [] })));

        var errors = Metric(c, "errors");
        Assert.True(errors.Verdict == ChangeVerdict.Regressed, errors.Reason);
        Assert.Equal("pp", errors.Metric.IntervalUnit);
        Assert.True(errors.Evidence.Low > 0);
        var rps = Metric(c, "rps");
        Assert.True(rps.Verdict == ChangeVerdict.Regressed, rps.Reason);
        Assert.True(rps.Evidence.High < 0);
        Assert.Equal(ChangeVerdict.Unchanged, Metric(c, "p95").Verdict);
    }

    [Theory]
    [InlineData(1.0, "inconclusive")] // latency held: the throughput drop is the generator's (a busy machine)
    [InlineData(1.5, "regressed")]    // latency regressed too: the throughput's regression stands
    public void In_a_closed_model_less_throughput_is_a_regression_only_with_the_latency(double latencyFactor, string expected)
    {
        var baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 21, Thresholds = [] });
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 22, RpsFactor = 0.7, Factor = latencyFactor, Thresholds = [] });
        Assert.Equal(LoadModel.Closed, baseline.Scenarios[0].Model);

        var closed = Compare(baseline, candidate);
        var open = Compare(Open(baseline), Open(candidate));

        var rps = Metric(closed, "rps");
        Assert.Equal(expected, rps.Verdict.ToString().ToLowerInvariant());
        Assert.Equal(ChangeVerdict.Regressed, Metric(open, "rps").Verdict);
        if (expected == "inconclusive")
        {
            Assert.Contains("closed model", rps.Reason, StringComparison.Ordinal);
            Assert.Equal(ComparisonOutcome.NoRegression, closed.Outcome);
        }
        else
        {
            Assert.Equal(ComparisonOutcome.Regression, closed.Outcome);
        }
    }

    private static RunResult Open(RunResult run) => run with { Scenarios = [.. run.Scenarios.Select(s => s with { Model = LoadModel.Open })] };

    [Fact]
    public void A_shift_that_the_runs_noise_could_explain_is_inconclusive()
    {
        // Few, widely spread samples per second: +30 % is beyond the tolerance but not beyond the noise.
        var spec = new SyntheticRun { Seconds = 20, PeakRps = 4, Sigma = 1.5, Thresholds = [] };
        var c = Compare(SyntheticRuns.Build(spec with { Seed = 13 }), SyntheticRuns.Build(spec with { Seed = 14, Factor = 1.3 }));

        var p50 = Metric(c, "p50");
        Assert.True(p50.Verdict == ChangeVerdict.Inconclusive, ComparisonRenderer.Text(c));
        Assert.Contains("includes no change", p50.Reason, StringComparison.Ordinal);
        Assert.True(p50.Evidence.Low < 0 && p50.Evidence.High > 0);
        Assert.True(c.Outcome == ComparisonOutcome.NoRegression, ComparisonRenderer.Text(c));
    }

    [Fact]
    public void Several_baselines_that_disagree_widen_the_interval()
    {
        // Run-to-run noise: the baselines sit 25 % apart from each other. One of them alone gives a narrow interval.
        var baselines = new[] { 0.8, 1.0, 1.2 }.Select((f, i) => new ComparedRun($"b{i}.json", SyntheticRuns.Build(new SyntheticRun { Seed = 20 + i, Factor = f }))).ToList();
        var candidate = new ComparedRun("c.json", SyntheticRuns.Build(new SyntheticRun { Seed = 30, Factor = 1.3 }));

        var one = BuildComparison.Compute([baselines[1]], [candidate]);
        var three = BuildComparison.Compute(baselines, [candidate]);

        static double Width(BuildComparison c) => c.Metrics.Single(m => m.Metric.Name == "p50" && m.Step is null) is { Evidence: { Low: { } l, High: { } h } } ? h - l : double.NaN;
        Assert.True(Width(three) > 2 * Width(one), $"one baseline: {Width(one)}, three: {Width(three)}");
        Assert.Equal(ChangeVerdict.Regressed, one.Metrics.Single(m => m.Metric.Name == "p50" && m.Step is null).Verdict);
        Assert.DoesNotContain(three.Notes, n => n.StartsWith("one baseline run", StringComparison.Ordinal));
        Assert.Contains(one.Notes, n => n.StartsWith("one baseline run", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_files_always_give_the_same_intervals()
    {
        var baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 40 });
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 41, Factor = 1.1 });

        Assert.Equal(Compare(baseline, candidate).Metrics.Select(m => m.Evidence), Compare(baseline, candidate).Metrics.Select(m => m.Evidence));
    }

    [Fact]
    public void A_threshold_that_held_and_is_crossed_now_is_a_regression_even_within_the_tolerance()
    {
        var spec = new SyntheticRun { Thresholds = ["p(95) < 47.5"] };
        var baseline = SyntheticRuns.Build(spec with { Seed = 50 });
        var candidate = SyntheticRuns.Build(spec with { Seed = 51, Factor = 1.08 });
        Assert.True(baseline.Passed && !candidate.Passed, "the fixture must straddle the limit");

        var c = Compare(baseline, candidate);

        var threshold = Assert.Single(c.Thresholds);
        Assert.Equal(ThresholdChange.NewlyCrossed, threshold.Change);
        Assert.Equal(ComparisonOutcome.Regression, c.Outcome);
        Assert.Equal(ThresholdChange.NowHeld, Assert.Single(Compare(candidate, baseline).Thresholds).Change);
    }
}
