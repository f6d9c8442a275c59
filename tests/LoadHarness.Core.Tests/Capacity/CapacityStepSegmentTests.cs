using LoadHarness.Core.Capacity;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests.Capacity;

/// <summary>A capacity step cut into N execution segments adds up exactly to the step's load, at every moment.</summary>
public sealed class CapacityStepSegmentTests
{
    public static TheoryData<int, int> LoadsAndSegments()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in new[] { 1, 2, 3, 4, 7, 16 })
        {
            foreach (var load in new[] { 1, 5, 50, 333, 997 })
            {
                data.Add(load, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LoadsAndSegments))]
    public void Closed_step_VUs_split_across_segments_add_up(int vus, int segments)
    {
        var duration = TimeSpan.FromSeconds(20);
        var simulation = CapacityStep.Simulation(LoadModel.Closed, vus, duration);
        var parts = ExecutionSegmentSet.Even(segments).Select(s => LoadPlan.Create([simulation], s)).ToArray();

        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromSeconds(0.5))
        {
            Assert.Equal(vus, parts.Sum(p => p.TargetVUsAt(t)));
        }

        // No segment gets more than its share rounded up.
        Assert.All(parts, p => Assert.InRange(p.TargetVUsAt(TimeSpan.Zero), vus / segments, (vus / segments) + 1));
    }

    [Theory]
    [MemberData(nameof(LoadsAndSegments))]
    public void Open_step_arrivals_split_across_segments_add_up(int rate, int segments)
    {
        var duration = TimeSpan.FromSeconds(20);
        var simulation = CapacityStep.Simulation(LoadModel.Open, rate, duration);
        var whole = LoadPlan.Create([simulation]);
        var parts = ExecutionSegmentSet.Even(segments).Select(s => LoadPlan.Create([simulation], s)).ToArray();

        Assert.Equal(rate * 20L, whole.TotalArrivals);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromSeconds(2.5))
        {
            Assert.Equal(whole.ArrivalsBy(t), parts.Sum(p => p.ArrivalsBy(t)));
        }

        Assert.Equal(rate * 20L, parts.Sum(p => p.ArrivalsBy(duration)));
    }

    [Fact]
    public void Even_segments_are_those_an_indexed_job_computes()
    {
        Assert.Equal(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"], ExecutionSegmentSet.Even(4).Select(s => s.ToString()));
        Assert.Equal(7, ExecutionSegmentSet.Even(7).Count);
        Assert.Equal("6/7:1", ExecutionSegmentSet.Even(7)[^1].ToString());
    }
}
