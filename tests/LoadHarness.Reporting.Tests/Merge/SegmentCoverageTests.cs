using LoadHarness.Core.Results;
using LoadHarness.Reporting.Merge;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests.Merge;

public sealed class SegmentCoverageTests
{
    [Theory]
    [InlineData(new[] { "0:1" }, "")]
    [InlineData(new[] { "1/2:1", "0:1/2" }, "")]
    [InlineData(new[] { "0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1" }, "")]
    [InlineData(new[] { "0:1/2" }, "missing 1/2:1 of 0:1")]
    [InlineData(new[] { "1/2:1" }, "missing 0:1/2 of 0:1")]
    [InlineData(new[] { "0:1/4", "1/2:3/4", "3/4:1" }, "missing 1/4:1/2 of 0:1")]
    [InlineData(new[] { "0:1/2", "0:1/2", "1/2:1" }, "segment 0:1/2 overlaps the segments before it (counted twice)")]
    [InlineData(new[] { "0:2/3", "1/2:1" }, "segment 1/2:1 overlaps the segments before it (counted twice)")]
    [InlineData(new[] { "0:1", "nonsense" }, "segment 'nonsense' is not an execution segment")]
    public void Segments_must_add_up_to_the_whole_test_exactly(string[] segments, string problem)
    {
        var problems = SegmentCoverage.Problems(segments);

        if (problem.Length == 0)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(problem, Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 0, "")] // side by side
    [InlineData(0, 50, "")] // the second pod started late, but both ran from its start to the first one's end
    [InlineData(0, 600, "segment 0:1/2 ran 2026-12-07 10:00:00–10:01:00 UTC and segment 1/2:1 ran 2026-12-07 10:10:00–10:11:00 UTC: never at the same time")]
    [InlineData(600, 0, "segment 1/2:1 ran 2026-12-07 10:00:00–10:01:00 UTC and segment 0:1/2 ran 2026-12-07 10:10:00–10:11:00 UTC: never at the same time")]
    [InlineData(0, 60, "segment 0:1/2 ran")] // one began the instant the other ended: no moment with both
    public void Segments_must_have_run_at_the_same_time(int firstStartsAt, int secondStartsAt, string problem)
    {
        var origin = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        RunResult Segment(string segment, int startsAt) => Runs.Passing() with
        {
            Segments = [segment],
            StartedUtc = origin.AddSeconds(startsAt),
            LoadStartedUtc = origin.AddSeconds(startsAt),
            EndedUtc = origin.AddSeconds(startsAt + 60),
        };

        var problems = SegmentCoverage.NotTogether([Segment("0:1/2", firstStartsAt), Segment("1/2:1", secondStartsAt)]);

        if (problem.Length == 0)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(problem, Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Segments_must_be_of_one_test()
    {
        var now = DateTimeOffset.UtcNow;
        var a = Runs.Passing() with { Segments = ["0:1/2"], StartedUtc = now, LoadStartedUtc = now, EndedUtc = now.AddMinutes(1) };
        var b = a with { Segments = ["1/2:1"], Test = a.Test with { TestName = "another" } };

        var problem = Assert.Single(SegmentCoverage.NotTogether([a, b]));

        Assert.StartsWith($"the results are of 2 tests ({a.Test.TestSuite} / {a.Test.TestName}: segment 0:1/2; {a.Test.TestSuite} / another: segment 1/2:1)", problem, StringComparison.Ordinal);
        Assert.Empty(SegmentCoverage.NotTogether([a, b with { Test = a.Test }]));
    }

    [Fact]
    public void Segments_given_a_run_id_must_be_of_one_run()
    {
        var now = DateTimeOffset.UtcNow;
        var a = Runs.Passing() with { Segments = ["0:1/2"], StartedUtc = now, LoadStartedUtc = now, EndedUtc = now.AddMinutes(1) };
        var b = a with { Segments = ["1/2:1"] };
        LoadHarness.Core.Results.RunResult Run(LoadHarness.Core.Results.RunResult r, string? id) =>
            r with { Test = r.Test with { Labels = id is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["run.id"] = id } } };

        // Together in time, of one test, but of two Jobs (a pod of each wrote into the same folder).
        var problem = Assert.Single(SegmentCoverage.NotTogether([Run(a, "job-1"), Run(b, "job-2")]));
        Assert.Equal("the segments are of 2 runs (--run-id job-1: segment 0:1/2; --run-id job-2: segment 1/2:1), not one run's", problem);
        Assert.Contains("no --run-id: segment 1/2:1", Assert.Single(SegmentCoverage.NotTogether([Run(a, "job-1"), Run(b, null)])), StringComparison.Ordinal);
        Assert.Empty(SegmentCoverage.NotTogether([Run(a, "job-1"), Run(b, "job-1")]));
        Assert.Empty(SegmentCoverage.NotTogether([Run(a, null), Run(b, null)]));
    }

    [Theory]
    [InlineData(0.2, null)] // one start, scheduled
    [InlineData(1.0, null)]
    [InlineData(4.02, "the segments' loads began 4.0 s apart (segment 0:1/2 first, 1/2:1 last)")] // a pod that started late
    public void Segments_whose_loads_began_apart_are_said(double secondsApart, string? said)
    {
        var now = DateTimeOffset.UtcNow;
        var a = Runs.Passing() with { Segments = ["0:1/2"], StartedUtc = now, LoadStartedUtc = now, EndedUtc = now.AddSeconds(10) };
        var b = a with { Segments = ["1/2:1"], LoadStartedUtc = now.AddSeconds(secondsApart), EndedUtc = now.AddSeconds(10 + secondsApart) };

        var apart = SegmentCoverage.StartedApart([b, a]);

        if (said is null)
        {
            Assert.Null(apart);
        }
        else
        {
            Assert.StartsWith(said, apart, StringComparison.Ordinal);
        }
    }
}
