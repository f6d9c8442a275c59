using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Concurrent_recording_loses_no_count()
    {
        var recorder = new StepRecorder("s");
        const int writers = 16;
        const int perWriter = 50_000;
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Factory.StartNew(() =>
        {
            start.Wait();
            for (var i = 0; i < perWriter; i++)
            {
                if (i % 10 == 0)
                {
                    recorder.RecordFail(1000 + i, 500, 1, "status 500", "boom");
                }
                else
                {
                    recorder.RecordOk(100 + i, 200, 2);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        start.Set();

        // Collect intervals while the writers run: swapping must not lose samples.
        while (!tasks.All(t => t.IsCompleted))
        {
            recorder.CollectInterval();
            await Task.Delay(1);
        }

        await Task.WhenAll(tasks);
        recorder.CollectInterval();
        var stats = recorder.BuildStats(1, final: true);
        Assert.Equal(writers * perWriter, stats.RequestCount);
        Assert.Equal(writers * perWriter / 10, stats.FailCount);
        Assert.Equal(writers * perWriter / 10, Assert.Single(stats.Errors).Count);
        Assert.Equal(writers * perWriter / 10, stats.StatusCodes["500"]);
        Assert.Equal(writers * perWriter * 9 / 10 * 2 + (writers * perWriter / 10), stats.BytesTotal);
    }

    [Fact]
    public void Values_above_the_range_are_clamped_and_counted()
    {
        var recorder = new StepRecorder("s");
        recorder.RecordOk(Histograms.HighestMicros * 10);
        recorder.RecordOk(0);
        recorder.CollectInterval();
        var stats = recorder.BuildStats(1, final: true);
        Assert.Equal(2, stats.RequestCount);
        Assert.Equal(1, stats.ClampedCount);
        Assert.True(stats.Latency.MaxMs >= 3_600_000);
    }

    [Fact]
    public void Codec_round_trips_exactly()
    {
        var h = Histograms.Create();
        var random = new Random(1);
        for (var i = 0; i < 10_000; i++)
        {
            h.RecordValue(random.NextInt64(1, 5_000_000));
        }

        var decoded = HistogramCodec.Decode(HistogramCodec.Encode(h));
        Assert.Equal(h.TotalCount, decoded.TotalCount);
        foreach (var p in new[] { 50.0, 90, 99, 99.9, 100 })
        {
            Assert.Equal(h.GetValueAtPercentile(p), decoded.GetValueAtPercentile(p));
        }
    }

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
            Thresholds = [new ThresholdOutcome { Expression = "p(95) < 1", Metric = "p(95)", Passed = false, Observed = 1.234, Description = "x" }],
        };
        var json = RunResultJson.Serialize(result);
        var back = RunResultJson.Deserialize(json);
        Assert.Equal(json, RunResultJson.Serialize(back));
        Assert.Equal(result.Scenarios[0].Stats.OkHistogram, back.Scenarios[0].Stats.OkHistogram);
        Assert.Equal(1.234, HistogramCodec.Decode(back.Scenarios[0].Stats.OkHistogram!).GetMaxValue() / 1000.0, 2);
    }
}
