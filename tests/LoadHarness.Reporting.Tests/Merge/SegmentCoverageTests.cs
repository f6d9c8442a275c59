using LoadHarness.Reporting.Merge;

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
}
