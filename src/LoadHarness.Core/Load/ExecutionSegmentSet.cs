namespace LoadHarness.Core.Load;

/// <summary>Sets of execution segments: N even segments, and whether some segments make up the whole test exactly once.</summary>
public static class ExecutionSegmentSet
{
    /// <summary><c>0:1/n, 1/n:2/n, ..., (n-1)/n:1</c> (what an Indexed Job's pod i of n runs).</summary>
    public static IReadOnlyList<ExecutionSegment> Even(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return [.. Enumerable.Range(0, n).Select(i => ExecutionSegment.Parse(FormattableString.Invariant($"{i}/{n}:{i + 1}/{n}")))];
    }

    /// <summary>True when the segments tile 0..1 with no gap and no overlap; else false with what is missing or doubled.</summary>
    public static bool CoversWhole(IEnumerable<ExecutionSegment> segments, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var sorted = segments.OrderBy(s => s.From).ThenBy(s => s.To).ToArray();
        var at = Fraction.Zero;
        foreach (var s in sorted)
        {
            var c = s.From.CompareTo(at);
            if (c > 0)
            {
                problem = $"{at}:{s.From} is missing";
                return false;
            }

            if (c < 0)
            {
                problem = $"{s} overlaps the segments before it (they reach {at})";
                return false;
            }

            at = s.To;
        }

        problem = at.CompareTo(Fraction.One) == 0 ? null : $"{at}:1 is missing";
        return problem is null;
    }
}
