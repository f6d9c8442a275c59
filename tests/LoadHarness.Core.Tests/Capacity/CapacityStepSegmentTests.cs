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

    [Theory]
    [InlineData("0:1/2,1/2:1", true, null)]
    [InlineData("1/2:1,0:1/4,1/4:1/2", true, null)]
    [InlineData("0:1/4,1/2:1", false, "1/4:1/2 is missing")]
    [InlineData("0:1/2,1/4:1", false, "overlaps")]
    [InlineData("0:1/3,1/3:2/3", false, "2/3:1 is missing")]
    [InlineData("0:1/2,0:1/2,1/2:1", false, "overlaps")]
    public void Segment_sets_must_make_up_the_whole_exactly_once(string segments, bool whole, string? problem)
    {
        var set = segments.Split(',').Select(ExecutionSegment.Parse);

        Assert.Equal(whole, ExecutionSegmentSet.CoversWhole(set, out var reason));
        if (problem is not null)
        {
            Assert.Contains(problem, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Even_segments_are_those_an_indexed_job_computes()
    {
        Assert.Equal(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"], ExecutionSegmentSet.Even(4).Select(s => s.ToString()));
        Assert.True(ExecutionSegmentSet.CoversWhole(ExecutionSegmentSet.Even(7), out _));
    }
}
