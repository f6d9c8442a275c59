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
    /// Whether <paramref name="result"/> is of the whole load: a run of all of it (0:1), or the merge of segments that add
    /// up to it exactly, not marked partial. How many processes sent it does not change what was measured.
    /// </summary>
    public static bool IsWholeLoad(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Problems(result.Segments).Count == 0 && !result.Test.Labels.ContainsKey(ResultMerger.PartialLabel);
    }

    /// <summary>
    /// Whether the results are one test's load: of one test (suite and name), of one run (their --run-id, when given), and run together, every one of them
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

        // Segments run with --run-id (job.yaml: the Job's uid) name their run: another id is another run's, whatever its times.
        var runs = results.GroupBy(r => r.Test.Labels.GetValueOrDefault(Formatting.RunNames.RunIdLabel) ?? "", StringComparer.Ordinal).ToArray();
        if (runs.Length > 1)
        {
            return [$"the segments are of {runs.Length} runs ({string.Join("; ", runs.Select(g => $"{(g.Key.Length == 0 ? "no --run-id" : "--run-id " + g.Key)}: segment {string.Join(", ", g.SelectMany(r => r.Segments))}"))}), not one run's"];
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

    /// <summary>Segments' loads that began further apart than this are said: the scheduling of one start, not a late pod.</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far apart the segments' loads began, when more than <see cref="StartTolerance"/>: for that long at the start
    /// (and at the end) the target had only part of the plan's load, which the merge judges as the whole (null: together).
    /// </summary>
    public static string? StartedApart(IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count < 2)
        {
            return null;
        }

        static DateTimeOffset Began(RunResult r) => r.LoadStartedUtc ?? r.StartedUtc;
        var first = results.MinBy(Began)!;
        var last = results.MaxBy(Began)!;
        var apart = Began(last) - Began(first);
        return apart <= StartTolerance ? null : string.Create(CultureInfo.InvariantCulture,
            $"the segments' loads began {apart.TotalSeconds:0.0} s apart (segment {string.Join(",", first.Segments)} first, {string.Join(",", last.Segments)} last): ")
            + "for that long at the start and the end the target had part of the plan's load; `run --segment … --start-together DIR` starts them together";
    }
}
