using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Reporting.Tests.Json;

/// <summary>result.json's hand-written writer against the serializer it replaces: the same bytes.</summary>
public sealed class ResultWriterTests
{
    [Fact]
    public async Task A_real_run_with_steps_checks_errors_an_open_model_and_every_optional_part_is_written_as_the_serializer_writes_it()
    {
        var closed = Scenario.Create("closed <api> & \"quoted\" ü", async ctx =>
            {
                await Step.Run("ok", ctx, () =>
                {
                    ctx.Check("always", true);
                    ctx.Check("never", false);
                    return Task.FromResult(Response.Ok(201, 10));
                });
                await Step.Run("throws", ctx, () => throw new InvalidOperationException("boom \u2028 <script>"));
                return Response.Fail(503, "unavailable", 5);
            })
            .WithThinkTime(TimeSpan.FromMilliseconds(20))
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromMilliseconds(600)));
        var open = Scenario.Create("open", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(600)));
        var env = new EnvironmentInfo
        {
            MachineName = "m",
            ProcessorCount = 2,
            OsDescription = "os",
            DotnetVersion = ".NET",
            HarnessVersion = "1",
            GitCommit = null,
            GeneratorCpuCores = 1.23,
            Settings = new Dictionary<string, string> { ["Transport"] = "raw", ["é"] = "ü" },
        };
        var run = await new LoadRunner().RunAsync(new TestDefinition { TestName = "t", Scenarios = [closed, open] }, new RunOptions { Environment = env }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        var result = run with
        {
            StopReason = "stopped: \"why\"",
            Test = run.Test with { ConfigPath = "/tmp/a b/c.json", Targets = new Dictionary<string, string> { ["api"] = "http://127.0.0.1:1/" }, Labels = new Dictionary<string, string> { ["build"] = "42" } },
            Thresholds =
            [
                new ThresholdOutcome { Expression = "p(95) < 1", Scenario = "closed", Step = "ok", Metric = "p(95)", Passed = false, Observed = 1.2345678901234567, Description = "x" },
                new ThresholdOutcome { Expression = "rate < 1", Metric = "rate", Passed = true, Observed = null, Description = "no data", NoData = true },
                new ThresholdOutcome { Expression = "a", Metric = "m", Passed = true, Observed = double.NaN, Description = "nan" },
                new ThresholdOutcome { Expression = "b", Metric = "m", Passed = true, Observed = double.PositiveInfinity, Description = "inf", AbortedRun = true },
            ],
            Sections =
            [
                new ReportSection
                {
                    Id = "db",
                    Title = "Database",
                    Notes = ["one", "two \t tab"],
                    Tables = [new ReportTable { Title = "t", Columns = ["a", "b"], Rows = [["1", "2"], ["3", "4"]] }],
                },
            ],
            Measurements =
            [
                new Measurement("db.index_hit_ratio", 0.9987654321, ThresholdUnit.Fraction),
                new Measurement("db.statement(unread_count \"q\").mean", 0.012, ThresholdUnit.Milliseconds),
                new Measurement("db.seq_scans(notifications)", double.NaN, ThresholdUnit.Number),
            ],
            Series =
            [
                new MeasurementSeries { Name = "app.pool_usage", Unit = ThresholdUnit.Fraction, Group = "API pool", Points = [new(1, 0.25), new(2.0001, double.PositiveInfinity)] },
                new MeasurementSeries { Name = "db.connections.state(idle)", Points = [] },
            ],
        };
        var scenario = result.Scenarios[0];
        Assert.NotEmpty(scenario.Steps);
        Assert.NotEmpty(scenario.Checks);
        Assert.NotEmpty(scenario.Stats.Errors);
        Assert.NotEmpty(scenario.Timeline);
        Assert.NotNull(result.Scenarios[1].StartLateness);

        var written = RunResultJson.Serialize(result);

        Assert.Equal(RunResultJson.SerializeWithSerializer(result), written);
        Assert.Equal(written, RunResultJson.Serialize(RunResultJson.Deserialize(written)));
    }

    [Fact]
    public async Task WriteAsync_writes_the_file_atomically_and_it_reads_back()
    {
        var result = TestResults.With(TestResults.Scenario("s", new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty, RequestCount = 3 }), 1000);
        var folder = Path.Combine(Path.GetTempPath(), "lh-writer-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "result.json");
            await RunResultJson.WriteAsync(result, path);

            Assert.Equal(RunResultJson.SerializeWithSerializer(result), await File.ReadAllTextAsync(path));
            Assert.Equal(3, (await RunResultJson.ReadAsync(path)).Scenarios[0].Stats.RequestCount);
            Assert.Equal(["result.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_result_json_written_before_measurements_existed_reads_with_none_and_a_measurement_threshold_gets_its_unit_back()
    {
        var result = TestResults.With(TestResults.Scenario("s", new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty, RequestCount = 3 }), 1000) with
        {
            Measurements = [new Measurement("db.statement(unread_count).mean", 0.5, ThresholdUnit.Milliseconds)],
        };
        var judged = result with
        {
            Thresholds = Core.Thresholds.ThresholdEvaluator.Evaluate(result, [new ThresholdDefinition("db.statement(unread_count): mean < 5", "s")]),
        };
        var node = System.Text.Json.Nodes.JsonNode.Parse(RunResultJson.Serialize(judged))!.AsObject();

        var back = RunResultJson.Deserialize(node.ToJsonString());
        node.Remove("measurements");
        node.Remove("series");
        var old = RunResultJson.Deserialize(node.ToJsonString());

        Assert.Equal(ThresholdUnit.Milliseconds, Assert.Single(back.Thresholds).Unit);
        Assert.Equal(ThresholdMetric.Measurement, back.Thresholds[0].Kind);
        Assert.Equal(0.5, back.Thresholds[0].Observed);
        Assert.Empty(old.Measurements);
        Assert.Empty(old.Series);
        Assert.True(Assert.Single(old.Thresholds).Passed);
    }
}
