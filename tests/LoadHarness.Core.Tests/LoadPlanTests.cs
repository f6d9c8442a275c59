using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests;

public sealed class LoadPlanTests
{
    private static readonly LoadSimulation[] SeedRamp = Stages.ToSimulations(
    [
        (TimeSpan.FromMinutes(1), 10),
        (TimeSpan.FromMinutes(3), 50),
        (TimeSpan.FromMinutes(2), 100),
        (TimeSpan.FromMinutes(2), 100),
        (TimeSpan.FromMinutes(1), 0),
    ]);

    [Theory]
    [InlineData(0, 6_000)]        // 0 -> 10 over 60 s: one VU every 6 s
    [InlineData(6.5, 5_500)]
    [InlineData(59.9, 100)]       // the next step is the phase's end (10 VUs at 60 s)
    [InlineData(61, 3_500)]       // 10 -> 50 over 180 s: 11 VUs at 64.5 s
    [InlineData(361, 10_000)]     // holding 100: nothing changes within the 10 s searched
    [InlineData(480, 600)]        // 100 -> 0 over 60 s: 99 VUs at 480.6 s
    public void The_next_change_of_the_target_is_found_to_the_millisecond(double seconds, double expectedMs)
    {
        var plan = LoadPlan.Create(SeedRamp);
        var t = TimeSpan.FromSeconds(seconds);
        var next = plan.NextTargetChangeIn(t, TimeSpan.FromSeconds(10));

        Assert.InRange(next.TotalMilliseconds, expectedMs - 0.5, expectedMs + 0.5);
        if (next < TimeSpan.FromSeconds(10))
        {
            // Just before the step the target is unchanged; at the step it has moved.
            Assert.Equal(plan.TargetVUsAt(t), plan.TargetVUsAt(t + next - TimeSpan.FromMilliseconds(0.5)));
            Assert.NotEqual(plan.TargetVUsAt(t), plan.TargetVUsAt(t + next + TimeSpan.FromMilliseconds(0.5)));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 5)]
    [InlineData(59.9, 9)]
    [InlineData(60, 10)]
    [InlineData(150, 30)] // 90 s into 10 -> 50 over 180 s
    [InlineData(240, 50)]
    [InlineData(300, 75)]
    [InlineData(360, 100)]
    [InlineData(420, 100)]
    [InlineData(480, 100)]
    [InlineData(510, 50)] // ramp-down rounds toward the starting level
    [InlineData(539.9, 1)]
    [InlineData(540, 0)]
    [InlineData(600, 0)]
    public void Seed_ramp_gives_the_planned_VUs(double seconds, int expected)
    {
        var plan = LoadPlan.Create(SeedRamp);
        Assert.Equal(LoadModel.Closed, plan.Model);
        Assert.Equal(TimeSpan.FromMinutes(9), plan.Duration);
        Assert.Equal(expected, plan.TargetVUsAt(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("0:1/2,1/2:1")]
    [InlineData("0:1/3,1/3:2/3,2/3:1")]
    [InlineData("0:1/4,1/4:1/2,1/2:3/4,3/4:1")]
    [InlineData("0:0.1,0.1:0.35,0.35:1")]
    public void Segments_add_up_to_the_whole_closed_plan_at_every_second(string segments)
    {
        var parts = segments.Split(',').Select(ExecutionSegment.Parse).ToArray();
        var whole = LoadPlan.Create(SeedRamp);
        var plans = parts.Select(s => LoadPlan.Create(SeedRamp, s)).ToArray();
        for (var t = TimeSpan.Zero; t <= whole.Duration; t += TimeSpan.FromSeconds(1))
        {
            var expected = whole.TargetVUsAt(t);
            Assert.Equal(expected, plans.Sum(p => p.TargetVUsAt(t)));
            foreach (var p in plans)
            {
                Assert.InRange(p.TargetVUsAt(t), Math.Floor(expected * p.Segment.Share) - 1, Math.Ceiling(expected * p.Segment.Share) + 1);
            }
        }
    }

    [Fact]
    public void Segments_add_up_to_the_whole_open_plan()
    {
        LoadSimulation[] sims = [LoadSimulation.RampingInject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), LoadSimulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))];
        var whole = LoadPlan.Create(sims);
        var parts = new[] { "0:1/3", "1/3:2/3", "2/3:1" }.Select(s => LoadPlan.Create(sims, ExecutionSegment.Parse(s))).ToArray();
        Assert.Equal(LoadModel.Open, whole.Model);
        Assert.Equal(250 + 250, whole.TotalArrivals);
        for (var t = TimeSpan.Zero; t <= whole.Duration; t += TimeSpan.FromMilliseconds(500))
        {
            Assert.Equal(whole.ArrivalsBy(t), parts.Sum(p => p.ArrivalsBy(t)));
        }

        foreach (var p in parts)
        {
            Assert.InRange(p.ArrivalsBy(whole.Duration), 165, 168);
        }
    }

    [Fact]
    public void Inject_spreads_rate_per_interval_evenly()
    {
        var plan = LoadPlan.Create([LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))]);
        Assert.Equal(20, plan.TotalArrivals);
        Assert.Equal(10, plan.RateAt(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(50), plan.ArrivalTime(0));
        Assert.Equal(TimeSpan.FromMilliseconds(150), plan.ArrivalTime(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1950), plan.ArrivalTime(19));
        Assert.Equal(10, plan.WholeArrivalsBy(TimeSpan.FromSeconds(1)));

        var per100ms = LoadPlan.Create([LoadSimulation.Inject(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1))]);
        Assert.Equal(50, per100ms.RateAt(TimeSpan.Zero));
        Assert.Equal(50, per100ms.TotalArrivals);
    }

    [Fact]
    public void Ramping_inject_integrates_the_linear_rate()
    {
        var plan = LoadPlan.Create([LoadSimulation.RampingInject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))]);
        Assert.Equal(500, plan.TotalArrivals);
        Assert.Equal(50, plan.RateAt(TimeSpan.FromSeconds(5)), 6);
        Assert.Equal(125, plan.WholeArrivalsBy(TimeSpan.FromSeconds(5)));
        var iterations = LoadPlan.Create([LoadSimulation.IterationsForInject(20, TimeSpan.FromSeconds(1), 30)]);
        Assert.Equal(30, iterations.TotalArrivals);
        Assert.Equal(TimeSpan.FromSeconds(1.5), iterations.Duration);
    }

    [Fact]
    public void Mixing_open_and_closed_is_a_clear_error()
    {
        var errors = LoadPlan.Validate([LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)), LoadSimulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))]);
        var error = Assert.Single(errors);
        Assert.Contains("KeepConstant", error, StringComparison.Ordinal);
        Assert.Contains("Inject", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LoadPlan.Create([LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)), LoadSimulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))]));
        Assert.Empty(LoadPlan.Validate([LoadSimulation.Pause(TimeSpan.FromSeconds(1)), LoadSimulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))]));
    }

    [Fact]
    public void Simulation_arguments_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.KeepConstant(-1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.Inject(1, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.InjectRandom(5, 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.IterationsForConstant(1, 0));
    }

    [Fact]
    public void Sample_gives_the_overlay_every_step()
    {
        var plan = LoadPlan.Create([LoadSimulation.RampingConstant(10, TimeSpan.FromSeconds(10))]);
        var points = plan.Sample(TimeSpan.FromSeconds(1));
        Assert.Equal(11, points.Count);
        Assert.Equal(new PlanPoint(5, 5), points[5]);
    }

    [Theory]
    [InlineData("00:01:00", 60_000)]
    [InlineData("1m", 60_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("45", 45_000)]
    public void Durations_parse(string text, double ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), DurationParser.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("1m30")]
    [InlineData("aa:bb")]
    public void Bad_durations_are_rejected(string text) => Assert.False(DurationParser.TryParse(text, out _, out _));

    [Theory]
    [InlineData("0:1/2", 0, 0.5)]
    [InlineData("1/2:1", 0.5, 1)]
    [InlineData("0.25:0.5", 0.25, 0.5)]
    [InlineData("0:1", 0, 1)]
    public void Segments_parse(string text, double from, double to)
    {
        var segment = ExecutionSegment.Parse(text);
        Assert.Equal(from, segment.From.ToDouble());
        Assert.Equal(to, segment.To.ToDouble());
    }

    [Theory]
    [InlineData("1/2")]
    [InlineData("1/2:1/4")]
    [InlineData("0:2")]
    [InlineData("a:b")]
    [InlineData("0:1/0")]
    public void Bad_segments_are_rejected(string text) => Assert.False(ExecutionSegment.TryParse(text, out _, out _));
}
