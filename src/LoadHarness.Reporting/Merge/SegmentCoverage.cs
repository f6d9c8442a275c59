using LoadHarness.Core.Load;

namespace LoadHarness.Reporting.Merge;

/// <summary>
/// Whether the segments of the results to merge add up to the whole test (0:1) exactly: no part missing (a lost pod),
/// none counted twice. Pure: segment texts in, the problems out (empty when complete).
/// </summary>
public static class SegmentCoverage
{
    public static IReadOnlyList<string> Problems(IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var problems = new List<string>();
        var parsed = new List<ExecutionSegment>();
        foreach (var text in segments)
        {
            if (ExecutionSegment.TryParse(text, out var segment, out var error))
            {
                parsed.Add(segment!);
            }
            else
            {
                problems.Add($"segment '{text}' is not an execution segment ({error})");
            }
        }

        var cursor = Fraction.Zero;
        foreach (var segment in parsed.OrderBy(s => s.From).ThenBy(s => s.To))
        {
            var order = segment.From.CompareTo(cursor);
            if (order > 0)
            {
                problems.Add($"missing {cursor}:{segment.From} of 0:1");
            }
            else if (order < 0)
            {
                problems.Add($"segment {segment} overlaps the segments before it (counted twice)");
            }

            if (segment.To.CompareTo(cursor) > 0)
            {
                cursor = segment.To;
            }
        }

        if (cursor.CompareTo(Fraction.One) < 0)
        {
            problems.Add($"missing {cursor}:1 of 0:1");
        }

        return problems;
    }
}
