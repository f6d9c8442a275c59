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
}
