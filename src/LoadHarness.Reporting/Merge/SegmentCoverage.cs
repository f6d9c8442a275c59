using System.Globalization;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

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

    /// <summary>
    /// Whether the results are one test's load: of one test (suite and name), and run together, every one of them
    /// running at some common moment. One whose run ended before another's load began is from another run (a pod that crashed this
    /// time, its folder still holding the last run's result.json): merged, it would stand in for load never sent.
    /// </summary>
    public static IReadOnlyList<string> NotTogether(IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count < 2)
        {
            return [];
        }

        // Segments of one test carry its name: another name is another config's run, whatever its times.
        var tests = results.GroupBy(r => Compare.Comparability.TestTitle(r.Test), StringComparer.Ordinal).ToArray();
        if (tests.Length > 1)
        {
            return [$"the results are of {tests.Length} tests ({string.Join("; ", tests.Select(t => $"{t.Key}: segment {string.Join(", ", t.SelectMany(r => r.Segments))}"))}), not segments of one"];
        }

        var latestStart = results.MaxBy(Began)!;
        var earliestEnd = results.MinBy(r => r.EndedUtc)!;
        if (Began(latestStart) < earliestEnd.EndedUtc)
        {
            return [];
        }

        return [$"segment {string.Join(",", earliestEnd.Segments)} ran {Span(earliestEnd)} and segment {string.Join(",", latestStart.Segments)} "
            + $"ran {Span(latestStart)}: never at the same time, so not one test's load (a result.json of an earlier run?)"];

        static DateTimeOffset Began(RunResult r) => r.LoadStartedUtc ?? r.StartedUtc;
        static string Span(RunResult r) => string.Create(CultureInfo.InvariantCulture,
            $"{Began(r).UtcDateTime:yyyy-MM-dd HH:mm:ss}–{r.EndedUtc.UtcDateTime:HH:mm:ss} UTC");
    }
}
