using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Tests;

/// <summary>Thresholds on named measurements and sampled series (database and application figures), judged generically.</summary>
public sealed class MeasurementThresholdTests
{
    [Theory]
    [InlineData("db.index_hit_ratio > 0.99", "db.index_hit_ratio", ThresholdStat.Value, ThresholdOperator.Greater, 0.99, "db.index_hit_ratio")]
    [InlineData("db.connections: max < 0.8", "db.connections", ThresholdStat.Max, ThresholdOperator.Less, 0.8, "db.connections.max")]
    [InlineData("app.pool_usage: max < 0.8", "app.pool_usage", ThresholdStat.Max, ThresholdOperator.Less, 0.8, "app.pool_usage.max")]
    [InlineData("db.seq_scans(notifications) == 0", "db.seq_scans(notifications)", ThresholdStat.Value, ThresholdOperator.Equal, 0, "db.seq_scans(notifications)")]
    [InlineData("db.statement(unread_count): mean < 5", "db.statement(unread_count)", ThresholdStat.Avg, ThresholdOperator.Less, 5, "db.statement(unread_count).mean")]
    [InlineData("db.statement(unread count): avg < 5ms", "db.statement(unread count)", ThresholdStat.Avg, ThresholdOperator.Less, 5, "db.statement(unread count).mean")]
    [InlineData("app.latency: p(99.9) <= 0.2s", "app.latency", ThresholdStat.Percentile, ThresholdOperator.LessOrEqual, 200, "app.latency.p99.9")]
    [InlineData(" db.statement(x).calls >= 10 ", "db.statement(x).calls", ThresholdStat.Value, ThresholdOperator.GreaterOrEqual, 10, "db.statement(x).calls")]
    [InlineData("explain(unread_count): p(95) < 5", "explain(unread_count)", ThresholdStat.Percentile, ThresholdOperator.Less, 5, "explain(unread_count).p95")]
    [InlineData("explain(profile): med <= 2ms", "explain(profile)", ThresholdStat.Med, ThresholdOperator.LessOrEqual, 2, "explain(profile).med")]
    [InlineData("explain(profile) < 10", "explain(profile)", ThresholdStat.Value, ThresholdOperator.Less, 10, "explain(profile)")]
    public void A_measurement_expression_parses_to_its_name_statistic_and_key(string text, string name, ThresholdStat stat, ThresholdOperator op, double limit, string key)
    {
        var e = ThresholdExpression.Parse(text);

        Assert.Equal(ThresholdMetric.Measurement, e.Metric);
        Assert.Equal(name, e.Measurement);
        Assert.Equal(stat, e.Stat);
        Assert.Equal(op, e.Operator);
        Assert.Equal(limit, e.Limit, 9);
        Assert.Equal(key, e.MeasurementKey);
    }

    [Theory]
    [InlineData("db.index_hit_ratio", "expected a comparison")]
    [InlineData("db.connections: rate < 1", "does not apply to a measurement")]
    [InlineData("db.seq_scans() == 0", "expected '(name)'")]
    [InlineData("db.seq_scans(notifications == 0", "expected '(name)'")]
    [InlineData("db..x > 1", "is not a measurement name")]
    [InlineData("db.x > 1 rps", "does not fit a measurement")]
    [InlineData("db.x: max < 1 extra", "does not fit a measurement")]
    [InlineData("explain(): p(95) < 5", "expected '(name)'")]
    [InlineData("explainn(x): p(95) < 5", "unknown statistic")]
    public void A_bad_measurement_expression_is_refused_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<ThresholdParseException>(() => ThresholdExpression.Parse(text));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measurements_and_series_are_judged_with_their_units_and_a_missing_one_is_no_data()
    {
        var result = Result() with
        {
            Measurements =
            [
                new Measurement("db.index_hit_ratio", 0.995, ThresholdUnit.Fraction),
                new Measurement("db.seq_scans(notifications)", 3, ThresholdUnit.Number),
                new Measurement("db.statement(unread_count).mean", 0.012, ThresholdUnit.Milliseconds),
            ],
            Series =
            [
                new MeasurementSeries { Name = "app.pool_usage", Unit = ThresholdUnit.Fraction, Points = [new(1, 0.1), new(2, 0.9), new(3, 0.2), new(4, 0.3)] },
                new MeasurementSeries { Name = "db.connections", Unit = ThresholdUnit.Fraction, Points = [] },
            ],
        };

        var outcomes = ThresholdEvaluator.Evaluate(result,
        [
            new ThresholdDefinition("db.index_hit_ratio > 0.99"),
            new ThresholdDefinition("db.index_hit_ratio > 99.9%"),
            new ThresholdDefinition("db.seq_scans(notifications) == 0", "s"),
            new ThresholdDefinition("db.statement(unread_count): mean < 5"),
            new ThresholdDefinition("app.pool_usage: max < 0.8"),
            new ThresholdDefinition("app.pool_usage: avg < 0.8"),
            new ThresholdDefinition("app.pool_usage: p(50) <= 0.2"),
            new ThresholdDefinition("db.connections: max < 0.8"),
            new ThresholdDefinition("db.statement(missing): mean < 5"),
            new ThresholdDefinition("app.pool_usage < 0.8"),
        ]);

        Assert.Equal([true, false, false, true, false, true, true, false, false, false], outcomes.Select(o => o.Passed));
        Assert.Equal([false, false, false, false, false, false, false, true, true, true], outcomes.Select(o => o.NoData));
        Assert.Equal(ThresholdUnit.Fraction, outcomes[0].Unit);
        Assert.Equal(ThresholdUnit.Milliseconds, outcomes[3].Unit);
        Assert.Equal("db.statement(unread_count) mean=0.012 ms, limit < 5 ms", outcomes[3].Description);
        Assert.Equal(0.9, outcomes[4].Observed);
        Assert.Equal(0.375, outcomes[5].Observed!.Value, 9);
        Assert.Equal(0.2, outcomes[6].Observed);
        Assert.Equal("db.connections max: no data (limit < 0.8)", outcomes[7].Description);
        Assert.All(outcomes, o => Assert.Equal(ThresholdMetric.Measurement, o.Kind));
    }

    [Fact]
    public void Rejudging_after_measurements_arrive_turns_no_data_into_a_verdict_and_keeps_the_abort_mark()
    {
        var thresholds = new[] { new ThresholdDefinition("p(95) < 100"), new ThresholdDefinition("db.index_hit_ratio > 0.99") };
        var first = Result();
        var initFailed = new ThresholdOutcome { Expression = "init succeeds", Scenario = "s", Metric = "init", Passed = false, NoData = true, Description = "init failed" };
        var judged = first with { Thresholds = [initFailed, .. ThresholdEvaluator.Evaluate(first, thresholds, abortedBy: thresholds[0])] };
        Assert.True(judged.Thresholds[2].NoData);

        var measured = judged with { Measurements = [new Measurement("db.index_hit_ratio", 1, ThresholdUnit.Fraction)] };
        var again = ThresholdEvaluator.Rejudge(measured, thresholds);

        Assert.Equal(["init succeeds", "p(95) < 100", "db.index_hit_ratio > 0.99"], again.Select(o => o.Expression));
        Assert.True(again[1].AbortedRun);
        Assert.False(again[2].NoData);
        Assert.True(again[2].Passed);
    }

    private static RunResult Result() =>
        TestResults.With(TestResults.Scenario("s", new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty }), 1000);
}
