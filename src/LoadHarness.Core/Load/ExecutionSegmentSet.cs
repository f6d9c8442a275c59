namespace LoadHarness.Core.Load;

/// <summary>Sets of execution segments (whether some make up the whole exactly once: Reporting.Merge.SegmentCoverage).</summary>
public static class ExecutionSegmentSet
{
    /// <summary><c>0:1/n, 1/n:2/n, ..., (n-1)/n:1</c> (what an Indexed Job's pod i of n runs).</summary>
    public static IReadOnlyList<ExecutionSegment> Even(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return [.. Enumerable.Range(0, n).Select(i => ExecutionSegment.Parse(FormattableString.Invariant($"{i}/{n}:{i + 1}/{n}")))];
    }
}
