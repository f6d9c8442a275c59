using LoadHarness.Cli.Commands.Run;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Tests;

/// <summary>
/// Series measured beside a run count from the start of the load, like the timeline: the samplers start before the
/// scenarios' init hooks (pools warmed, users logged in: seconds on the default run), and what they saw before the
/// load is dropped, so a threshold on a series judges the load, not its preparation.
/// </summary>
public sealed class SeriesAlignmentTests
{
    private static readonly DateTimeOffset SamplerStart = new(2026, 12, 6, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sampler_started_before_the_load_is_shifted_and_its_samples_before_the_load_are_dropped()
    {
        // Pool usage 1.0 while the init hook warmed the pool (samples 1-3), 0.2 under the load.
        var series = new MeasurementSeries
        {
            Name = "app.pool_usage",
            Points = [.. Enumerable.Range(1, 10).Select(t => new SeriesPoint(t, t <= 3 ? 1.0 : 0.2))],
        };

        var aligned = Assert.Single(RunMeasurements.FromLoadStart([series], SamplerStart, SamplerStart.AddSeconds(3.5)));

        Assert.Equal([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5], aligned.Points.Select(p => p.TimeSec));
        Assert.All(aligned.Points, p => Assert.Equal(0.2, p.Value));
        Assert.Equal("app.pool_usage", aligned.Name);
    }

    [Fact]
    public void Without_a_load_start_the_series_is_kept_as_sampled()
    {
        var series = new MeasurementSeries { Name = "db.connections", Points = [new SeriesPoint(1, 5), new SeriesPoint(2, 6)] };

        Assert.Equal(series.Points, Assert.Single(RunMeasurements.FromLoadStart([series], SamplerStart, null)).Points);
    }

    [Fact]
    public async Task The_stall_sampler_counts_from_the_load_start_it_is_given()
    {
        using var sampler = GeneratorStallSampler.Start();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var loadStart = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var (series, _) = sampler.Stop(loadStart);

        var stall = Assert.Single(series, s => s.Name == GeneratorStallSampler.StallSeries);
        Assert.NotEmpty(stall.Points);
        // Sampled once a second for 5 s: only the seconds after the load start remain, counted from it.
        Assert.All(stall.Points, p => Assert.InRange(p.TimeSec, 0, 3.5));
        Assert.True(stall.Points.Count <= 3, string.Join(", ", stall.Points.Select(p => p.TimeSec)));
    }

    [Fact]
    public async Task The_stall_sampler_reports_the_time_garbage_collections_paused_the_generator()
    {
        using var sampler = GeneratorStallSampler.Start();
        var loadStart = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var (series, _) = sampler.Stop(loadStart);

        var paused = Assert.Single(series, s => s.Name == GeneratorStallSampler.GcPauseSeries);
        var stall = Assert.Single(series, s => s.Name == GeneratorStallSampler.StallSeries);
        Assert.Equal(stall.Points.Select(p => p.TimeSec), paused.Points.Select(p => p.TimeSec));
        Assert.True(paused.Points.Sum(p => p.Value) > 0, string.Join(", ", paused.Points.Select(p => p.Value)));
    }
}
