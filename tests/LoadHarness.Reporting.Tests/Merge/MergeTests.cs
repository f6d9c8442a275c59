using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Json;
using LoadHarness.Reporting.Merge;

namespace LoadHarness.Reporting.Tests.Merge;

/// <summary>Merging segments' results (exact from the histograms) and result.json's round trip.</summary>
public sealed class MergeTests
{
    [Fact]
    public void Merging_two_results_equals_one_over_the_union()
    {
        var random = new Random(7);
        var a = Histograms.Create();
        var b = Histograms.Create();
        var union = Histograms.Create();
        for (var i = 0; i < 20_000; i++)
        {
            var v = random.NextInt64(100, 2_000_000);
            (i % 3 == 0 ? a : b).RecordValue(v);
            union.RecordValue(v);
        }

        var empty = Histograms.Create();
        var codes = new Dictionary<string, long> { ["200"] = 1 };
        var ra = TestResults.With(TestResults.Scenario("api", StatsBuilder.Build(a, empty, 10, 10, 0, codes, [])), 10_000) with { Segments = ["0:1/2"] };
        var rb = TestResults.With(TestResults.Scenario("api", StatsBuilder.Build(b, empty, 10, 5, 0, codes, [])), 10_000) with { Segments = ["1/2:1"] };
        var expected = StatsBuilder.Build(union, empty, 10, 15, 0, new Dictionary<string, long> { ["200"] = 2 }, []);

        var merged = ResultMerger.Merge([ra, rb]);
        var stats = Assert.Single(merged.Scenarios).Stats;
        Assert.Equal(["0:1/2", "1/2:1"], merged.Segments);
        Assert.Equal(expected.RequestCount, stats.RequestCount);
        Assert.Equal(expected.Latency, stats.Latency);
        Assert.Equal(expected.OkHistogram, stats.OkHistogram);
        Assert.Equal(15, stats.BytesTotal);
        Assert.Equal(2, stats.StatusCodes["200"]);
    }

    [Fact]
    public void Run_result_round_trips_through_json()
    {
        var ok = Histograms.Create();
        ok.RecordValue(1234);
        var result = TestResults.With(TestResults.Scenario("api", StatsBuilder.Build(ok, Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), [])), 1000) with
        {
            Thresholds =
            [
                new ThresholdOutcome { Expression = "p(95) < 1", Metric = "p(95)", Passed = false, Observed = 1.234, Description = "x" },
                new ThresholdOutcome { Expression = "OkLatency: p75 < 80", Metric = "OkLatency p(75)", Passed = true, Observed = 1.2, Description = "y" },
                new ThresholdOutcome { Expression = "FailRequest: Percent < 10", Metric = "FailedRequests percent", Passed = true, Observed = 0, Description = "z" },
            ],
        };
        var json = RunResultJson.Serialize(result);
        var back = RunResultJson.Deserialize(json);
        Assert.Equal(json, RunResultJson.Serialize(back));
        Assert.Equal(result.Scenarios[0].Stats.OkHistogram, back.Scenarios[0].Stats.OkHistogram);
        Assert.Equal(1.234, HistogramCodec.Decode(back.Scenarios[0].Stats.OkHistogram!).GetMaxValue() / 1000.0, 2);

        // The typed metric is not in the file: reading it derives kind and unit once from the expression, NBomber's form too.
        Assert.DoesNotContain("\"unit\"", json, StringComparison.Ordinal);
        Assert.Equal([ThresholdUnit.Milliseconds, ThresholdUnit.Milliseconds, ThresholdUnit.Percent], back.Thresholds.Select(t => t.Unit));
        Assert.Equal([ThresholdMetric.Latency, ThresholdMetric.OkLatency, ThresholdMetric.FailedRequests], back.Thresholds.Select(t => t.Kind));
    }

    [Fact]
    public void A_merged_result_keeps_the_busiest_segments_generator_load()
    {
        var stats = new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty };
        var a = TestResults.With(TestResults.Scenario("s", stats), 1000) with { Segments = ["0:1/2"] };
        var b = a with { Segments = ["1/2:1"] };
        a = a with { Environment = a.Environment with { GeneratorCpuCores = 0.4 } };
        b = b with { Environment = b.Environment with { GeneratorCpuCores = 1.8 } };

        Assert.Equal(1.8, ResultMerger.Merge([a, b]).Environment.GeneratorCpuCores);
    }

    [Fact]
    public void Sections_of_one_id_merge_into_one_with_every_note_once()
    {
        var stats = StatsBuilder.Build(Histograms.Create(), Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), []);
        static ReportSection Database(string note, string scans) => new()
        {
            Id = FigureSections.Database,
            Title = "Database",
            Notes = ["shared note", note],
            Tables = [new ReportTable { Title = "Scans", Columns = ["seq"], Rows = [[scans]] }],
        };
        var a = TestResults.With(TestResults.Scenario("api", stats), 1_000) with { Segments = ["0:1/2"], Sections = [Database("a", "109"), new ReportSection { Id = "other", Title = "o" }] };
        var b = TestResults.With(TestResults.Scenario("api", stats), 1_000) with { Segments = ["1/2:1"], Sections = [Database("b", "110")] };

        var merged = ResultMerger.Merge([a, b]);

        Assert.Equal([FigureSections.Database, "other"], merged.Sections.Select(s => s.Id));
        var database = merged.Sections[0];
        Assert.Equal("109", Assert.Single(Assert.Single(database.Tables).Rows)[0]);
        Assert.Equal(["shared note", "a", "b", "2 segments measured this section, each over its own window; the tables are segment 0:1/2's"], database.Notes);
    }

    [Fact]
    public void Each_processs_retries_are_added_and_shared_figures_kept_once()
    {
        var stats = StatsBuilder.Build(Histograms.Create(), Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), []);
        Measurement[] Figures(double retries) => [new("http.retries", retries, ThresholdUnit.Number), new("db.seq_scans", 109, ThresholdUnit.Number)];
        var a = TestResults.With(TestResults.Scenario("api", stats), 1_000) with { Segments = ["0:1/2"], Measurements = Figures(2) };
        var b = TestResults.With(TestResults.Scenario("api", stats), 1_000) with { Segments = ["1/2:1"], Measurements = Figures(3) };

        var merged = ResultMerger.Merge([a, b], [new ThresholdDefinition("http.retries < 5", "api")]);

        Assert.Equal([("http.retries", 5.0), ("db.seq_scans", 109.0)], merged.Measurements.Select(m => (m.Name, m.Value)));
        Assert.False(Assert.Single(merged.Thresholds).Passed); // 2 + 3 resends: before, judged on the first segment's 2
    }
}

