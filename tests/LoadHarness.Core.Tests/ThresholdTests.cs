using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p(95) < 500", ThresholdMetric.Latency, ThresholdStat.Percentile, 95, ThresholdOperator.Less, 500)]
    [InlineData("p(99.9) <= 800", ThresholdMetric.Latency, ThresholdStat.Percentile, 99.9, ThresholdOperator.LessOrEqual, 800)]
    [InlineData("p95<1s", ThresholdMetric.Latency, ThresholdStat.Percentile, 95, ThresholdOperator.Less, 1000)]
    [InlineData("avg < 200ms", ThresholdMetric.Latency, ThresholdStat.Avg, 0, ThresholdOperator.Less, 200)]
    [InlineData("med<=100", ThresholdMetric.Latency, ThresholdStat.Med, 0, ThresholdOperator.LessOrEqual, 100)]
    [InlineData("min > 0", ThresholdMetric.Latency, ThresholdStat.Min, 0, ThresholdOperator.Greater, 0)]
    [InlineData("max < 2000", ThresholdMetric.Latency, ThresholdStat.Max, 0, ThresholdOperator.Less, 2000)]
    [InlineData("rate < 0.01", ThresholdMetric.FailedRequests, ThresholdStat.Rate, 0, ThresholdOperator.Less, 0.01)]
    [InlineData("rate < 1%", ThresholdMetric.FailedRequests, ThresholdStat.Rate, 0, ThresholdOperator.Less, 0.01)]
    [InlineData("rps >= 30", ThresholdMetric.Requests, ThresholdStat.Rps, 0, ThresholdOperator.GreaterOrEqual, 30)]
    [InlineData("count > 100", ThresholdMetric.Requests, ThresholdStat.Count, 0, ThresholdOperator.Greater, 100)]
    [InlineData("dropped == 0", ThresholdMetric.Iterations, ThresholdStat.Dropped, 0, ThresholdOperator.Equal, 0)]
    [InlineData("checks > 0.99", ThresholdMetric.Checks, ThresholdStat.Rate, 0, ThresholdOperator.Greater, 0.99)]
    [InlineData("checks: rate > 0.99", ThresholdMetric.Checks, ThresholdStat.Rate, 0, ThresholdOperator.Greater, 0.99)]
    [InlineData("OkLatency: p75 < 80", ThresholdMetric.OkLatency, ThresholdStat.Percentile, 75, ThresholdOperator.Less, 80)]
    [InlineData("FailRequest: Percent < 10", ThresholdMetric.FailedRequests, ThresholdStat.Percent, 0, ThresholdOperator.Less, 10)]
    [InlineData("OkRequest: RPS >= 30", ThresholdMetric.OkRequests, ThresholdStat.Rps, 0, ThresholdOperator.GreaterOrEqual, 30)]
    [InlineData("StatusCode(500): Percent < 5", ThresholdMetric.StatusCode, ThresholdStat.Percent, 0, ThresholdOperator.Less, 5)]
    [InlineData("http_req_duration: p(99) < 1500", ThresholdMetric.Latency, ThresholdStat.Percentile, 99, ThresholdOperator.Less, 1500)]
    [InlineData("http_req_failed: rate != 1", ThresholdMetric.FailedRequests, ThresholdStat.Rate, 0, ThresholdOperator.NotEqual, 1)]
    [InlineData("iteration_duration: p(95) < 3s", ThresholdMetric.IterationDuration, ThresholdStat.Percentile, 95, ThresholdOperator.Less, 3000)]
    [InlineData("iteration_duration{scenario:api}: avg < 800", ThresholdMetric.IterationDuration, ThresholdStat.Avg, 0, ThresholdOperator.Less, 800)]
    public void Accepted(string text, ThresholdMetric metric, ThresholdStat stat, double percentile, ThresholdOperator op, double limit)
    {
        var e = ThresholdExpression.Parse(text);
        Assert.Equal((metric, stat, percentile, op), (e.Metric, e.Stat, e.Percentile, e.Operator));
        Assert.Equal(limit, e.Limit, 9);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("p(95)", 5)]
    [InlineData("p(95) < ", 8)]
    [InlineData("p(0) < 5", 0)]
    [InlineData("p(101) < 5", 0)]
    [InlineData("p(95 < 5", 5)]
    [InlineData("avgg < 5", 0)]
    [InlineData("p(95) ~ 5", 6)]
    [InlineData("p(95) < 5 apples", 10)]
    [InlineData("rate < 5ms", 8)]
    [InlineData("bogus: p(95) < 5", 0)]
    [InlineData("checks: p(95) < 5", 8)]
    [InlineData("StatusCode: count < 5", 10)]
    [InlineData("iteration_duration: rate < 0.01", 20)]
    [InlineData("iteration_duration{name:login}: p(95) < 5", 18)]
    public void Rejected_with_position(string text, int position)
    {
        var e = Assert.Throws<ThresholdParseException>(() => ThresholdExpression.Parse(text));
        Assert.Equal(position, e.Position);
        Assert.Contains("position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NBomber_settings_map_onto_the_same_grammar()
    {
        Assert.Equal(ThresholdMetric.OkLatency, ThresholdExpression.Parse(ThresholdExpression.FromNBomber("OkLatency", "p75 < 80")).Metric);
        var status = ThresholdExpression.Parse(ThresholdExpression.FromNBomber("StatusCode", "Percent < 5", "500"));
        Assert.Equal(500, status.StatusCode);
    }

    [Fact]
    public void Evaluated_over_known_histograms()
    {
        // 100 requests: 1..99 ms ok, one 1000 ms failure with status 500.
        var ok = Histograms.Create();
        for (var ms = 1; ms <= 99; ms++)
        {
            ok.RecordValue(ms * 1000);
        }

        var fail = Histograms.Create();
        fail.RecordValue(1_000_000);
        var stats = StatsBuilder.Build(ok, fail, 10, 0, 0, new Dictionary<string, long> { ["200"] = 99, ["500"] = 1 }, []);
        var result = TestResults.With(TestResults.Scenario("api", stats, dropped: 3, checks: (98, 2)), durationMs: 10_000);

        var outcomes = ThresholdEvaluator.Evaluate(result,
        [
            new ThresholdDefinition("p(95) < 100"),
            new ThresholdDefinition("p(99.5) < 100"),
            new ThresholdDefinition("max < 900"),
            new ThresholdDefinition("rate < 0.02"),
            new ThresholdDefinition("rps >= 10"),
            new ThresholdDefinition("dropped == 0"),
            new ThresholdDefinition("checks > 0.97"),
            new ThresholdDefinition("OkLatency: p(99) < 100", scenario: "api"),
            new ThresholdDefinition("StatusCode(500): count == 1"),
            new ThresholdDefinition("p(95) < 100", scenario: "api", step: "missing"),
        ]);

        Assert.Equal([true, false, false, true, true, false, true, true, true, false], outcomes.Select(o => o.Passed));
        Assert.Equal(95, outcomes[0].Observed!.Value, 0);
        Assert.StartsWith("p(95)=95.0", outcomes[0].Description, StringComparison.Ordinal);
        Assert.EndsWith(" ms, limit < 100 ms", outcomes[0].Description, StringComparison.Ordinal);
        Assert.Equal(0.01, outcomes[3].Observed);
        Assert.Equal(3, outcomes[5].Observed);
        Assert.True(outcomes[9].NoData);
        Assert.Contains("no data", outcomes[9].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void No_data_says_why_when_the_scope_had_no_check_or_no_request()
    {
        var ok = Histograms.Create();
        ok.RecordValue(5_000);
        var stats = StatsBuilder.Build(ok, Histograms.Create(), 1, 0, 0, new Dictionary<string, long> { ["200"] = 1 }, []);
        var result = TestResults.With(TestResults.Scenario("api", stats), durationMs: 1_000);

        var outcomes = ThresholdEvaluator.Evaluate(result,
        [
            new ThresholdDefinition("checks > 0.99"),
            new ThresholdDefinition("p(95) < 100", scenario: "api", step: "missing"),
            new ThresholdDefinition("p(95) < 100"),
        ]);

        Assert.All(outcomes.Take(2), o => Assert.True(o.NoData));
        Assert.Equal("checks: no data (limit > 0.99): no check ran (checks come from an Http request's \"Checks\", --check on a quick run, or ctx.Check in C#)",
            outcomes[0].Description);
        Assert.Equal("p(95): no data (limit < 100 ms): no request was recorded", outcomes[1].Description);
        Assert.False(outcomes[2].NoData);
    }

    [Theory]
    [InlineData("http_req_duration{name:profile}: p(95) < 300", ThresholdMetric.Latency, "profile", null)]
    [InlineData("http_req_duration{ name: profile , scenario:api }: p(95) < 300", ThresholdMetric.Latency, "profile", "api")]
    [InlineData("http_req_duration{expected_response:true}: p(95) < 300", ThresholdMetric.OkLatency, null, null)]
    [InlineData("http_req_failed{name:login}: rate < 0.01", ThresholdMetric.FailedRequests, "login", null)]
    [InlineData("checks{scenario:api}: rate > 0.99", ThresholdMetric.Checks, null, "api")]
    public void K6_tag_filters_scope_a_threshold_to_a_step_or_scenario(string text, ThresholdMetric metric, string? step, string? scenario)
    {
        var definition = new ThresholdDefinition(text);

        Assert.Equal(metric, definition.Parsed.Metric);
        Assert.Equal(step, definition.Step);
        Assert.Equal(scenario, definition.Scenario);
    }

    [Theory]
    [InlineData("http_req_duration{method:GET}: p(95) < 300", null, null, "tag 'method:GET' is not supported")]
    [InlineData("http_req_duration{name:}: p(95) < 300", null, null, "tag 'name' has no value")]
    [InlineData("http_req_duration{name:a: p(95) < 300", null, null, "expected '}'")]
    [InlineData("http_req_duration{scenario:other}: p(95) < 300", "api", null, "tag scenario:other names another scenario than the one it belongs to ('api')")]
    [InlineData("http_req_duration{name:a}: p(95) < 300", "api", "b", "tag name:a names another step than its Step ('b')")]
    public void A_bad_or_conflicting_tag_filter_is_a_parse_error(string text, string? scenario, string? step, string reason)
    {
        var error = Assert.Throws<ThresholdParseException>(() => new ThresholdDefinition(text, scenario, step));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tagged_threshold_judges_only_its_step()
    {
        var fast = Histograms.Create();
        fast.RecordValue(1_000);
        var slow = Histograms.Create();
        slow.RecordValue(900_000);
        var none = new Dictionary<string, long>();
        var scenario = TestResults.Scenario("api", StatsBuilder.Build(fast, Histograms.Create(), 1, 0, 0, none, [])) with
        {
            Steps =
            [
                new StepResult { Name = "login", Stats = StatsBuilder.Build(Histograms.Create(), slow, 1, 0, 0, none, []) },
                new StepResult { Name = "profile", Stats = StatsBuilder.Build(fast, Histograms.Create(), 1, 0, 0, none, []) },
            ],
        };

        var outcomes = ThresholdEvaluator.Evaluate(TestResults.With(scenario, durationMs: 1_000),
        [
            new ThresholdDefinition("http_req_duration{name:profile}: p(95) < 300", "api"),
            new ThresholdDefinition("http_req_duration{name:login}: p(95) < 300", "api"),
            new ThresholdDefinition("http_req_failed{name:profile}: rate < 0.01", "api"),
        ]);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Passed));
        Assert.Equal("profile", outcomes[0].Step);
    }

    [Theory]
    [InlineData("http_reqs: rate > 100", ThresholdMetric.Requests, ThresholdStat.Rps)]
    [InlineData("iterations: rate > 10", ThresholdMetric.Iterations, ThresholdStat.Rps)]
    [InlineData("http_req_failed: rate < 0.01", ThresholdMetric.FailedRequests, ThresholdStat.Rate)]
    [InlineData("rate < 0.01", ThresholdMetric.FailedRequests, ThresholdStat.Rate)]
    public void A_k6_counters_rate_is_per_second(string text, ThresholdMetric metric, ThresholdStat stat)
    {
        var parsed = ThresholdExpression.Parse(text);

        Assert.Equal((metric, stat), (parsed.Metric, parsed.Stat));
    }
}

