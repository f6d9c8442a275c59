using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Trend;

namespace LoadHarness.Reporting.Tests.Trend;

/// <summary>Runs in time order, gates marked, the latest judged against its comparable history.</summary>
public sealed class TrendAnalysisTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ComparedRun Run(int day, double factor = 1, string[]? thresholds = null, int seconds = 60, string test = "compare") =>
        new($"runs/{day}/result.json", SyntheticRuns.Build(new SyntheticRun
        {
            Seed = day, Factor = factor, Seconds = seconds, Build = $"v1.{day}", StartedUtc = Day.AddDays(day), Thresholds = thresholds ?? ["p(95) < 500", "rate < 0.01"],
        }) is var r ? r with { Test = r.Test with { TestName = test } } : null!);

    [Fact]
    public void Runs_come_in_time_order_whatever_order_they_were_given_in()
    {
        var trend = TrendAnalysis.Compute([Run(3), Run(1), Run(5), Run(2), Run(4)]);

        Assert.Equal(["v1.1", "v1.2", "v1.3", "v1.4", "v1.5"], trend.Runs.Select(r => r.Result.Test.Labels["build"]));
        var series = Assert.Single(trend.Scenarios);
        Assert.Equal(5, series.Points.Count);
        Assert.Equal(trend.Runs[2].Result.Scenarios[0].Stats.Latency.P95Ms, series.Points[2].P95Ms);
    }

    [Fact]
    public void A_slower_latest_run_is_judged_a_regression_against_its_history()
    {
        var trend = TrendAnalysis.Compute([.. Enumerable.Range(1, 6).Select(d => Run(d)), Run(7, factor: 1.7)], window: 5);

        Assert.NotNull(trend.Latest);
        Assert.Equal(ComparisonOutcome.Regression, trend.Latest.Outcome);
        Assert.Equal(5, trend.Latest.Baselines.Count);
        Assert.Equal(["v1.2", "v1.3", "v1.4", "v1.5", "v1.6"], trend.Latest.Baselines.Select(b => b.Result.Test.Labels["build"]));
        Assert.Equal("REGRESSION", trend.Headline);
        Assert.Contains("| api_orders | p95 |", TrendMarkdown.Render(trend), StringComparison.Ordinal);
    }

    [Fact]
    public void A_latest_run_like_the_others_is_not_a_regression()
    {
        var trend = TrendAnalysis.Compute([.. Enumerable.Range(1, 8).Select(d => Run(d))]);

        Assert.Equal(ComparisonOutcome.NoRegression, trend.Latest!.Outcome);
        Assert.Equal(7, trend.Latest.Baselines.Count);
    }

    [Fact]
    public void Failed_gates_are_marked_and_earlier_runs_of_another_plan_are_left_out_of_the_judgement()
    {
        var strict = new[] { "p(95) < 30", "rate < 0.01" };
        var trend = TrendAnalysis.Compute([Run(1, seconds: 30), Run(2, thresholds: strict), Run(3, thresholds: strict), Run(4, thresholds: strict), Run(5, thresholds: strict)]);

        Assert.All(trend.Scenarios[0].Points.Skip(1), p => Assert.False(p.GatePassed));
        Assert.Equal(3, trend.Latest!.Baselines.Count);
        Assert.Contains(trend.Notes, n => n.StartsWith("1 earlier run(s) measured something else", StringComparison.Ordinal));
        var md = TrendMarkdown.Render(trend);
        Assert.Contains("✗ failed", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_little_history_is_not_judged_and_other_tests_are_left_out()
    {
        var trend = TrendAnalysis.Compute([Run(1), Run(2, test: "other"), Run(3)]);

        Assert.Null(trend.Latest);
        Assert.Equal("NOT JUDGED", trend.Headline);
        Assert.Equal(2, trend.Runs.Count);
        Assert.Contains(trend.Notes, n => n.Contains("1 run(s) of other tests left out (synthetic / other)", StringComparison.Ordinal));
        Assert.Contains(trend.Notes, n => n.Contains("1 comparable earlier run(s), 2 needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_of_execution_segments_are_left_out_beside_whole_runs()
    {
        // Every day ran as two segments, merged; a merge starts when its first segment did, so a segment sorts after it.
        static ComparedRun Merged(int day) => Run(day) is var m ? m with { Result = m.Result with { Segments = ["0:1/2", "1/2:1"] } } : null!;
        var part = Run(4) is var p ? p with { Source = "runs/4-segment-1/result.json", Result = p.Result with { Segments = ["1/2:1"], StartedUtc = p.Result.StartedUtc.AddSeconds(1) } } : null!;

        var trend = TrendAnalysis.Compute([Merged(1), Merged(2), Merged(3), Merged(4), part]);

        Assert.Equal(["runs/1/result.json", "runs/2/result.json", "runs/3/result.json", "runs/4/result.json"], trend.Runs.Select(r => r.Source));
        Assert.NotNull(trend.Latest); // the merged day 4, against days 1-3 (before: the segment, with no comparable history)
        Assert.Equal(3, trend.Latest.Baselines.Count);
        Assert.Contains(trend.Notes, n => n.StartsWith("1 result(s) of a part of the load left out", StringComparison.Ordinal));

        // Segments alone are trended as they are.
        Assert.Equal(2, TrendAnalysis.Compute([part, part with { Source = "runs/5/result.json" }]).Runs.Count);
    }

    [Fact]
    public void An_interrupted_run_counts_as_a_failed_gate()
    {
        var interrupted = Run(2) is var r ? r with { Result = r.Result with { Status = RunStatus.Interrupted } } : null!;

        var trend = TrendAnalysis.Compute([Run(1), interrupted]);

        Assert.False(trend.Scenarios[0].Points[1].GatePassed);
        Assert.Contains("⚠ interrupted", TrendMarkdown.Render(trend), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_thresholds_is_not_gated_not_passed()
    {
        var trend = TrendAnalysis.Compute([Run(1), Run(2, thresholds: []), Run(3)]);

        var md = TrendMarkdown.Render(trend);
        Assert.Contains("| 2 | v1.2 · ", md, StringComparison.Ordinal);
        var rows = md.Split('\n').Where(l => l.StartsWith("| 1 | v1.1", StringComparison.Ordinal) || l.StartsWith("| 2 | v1.2", StringComparison.Ordinal)).ToArray();
        Assert.Contains("✓ passed", rows[0], StringComparison.Ordinal);
        Assert.Contains("– not gated", rows[1], StringComparison.Ordinal); // its own report says NOT GATED, not PASSED
    }
}
