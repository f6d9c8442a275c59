using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;
using LoadHarness.Reporting.Merge;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// A capacity step run as execution segments on several machines (an Indexed Job's pods, one shared results volume):
/// each process writes its segment's result.json under the step's folder, then waits until the segments found there
/// make up the whole load exactly once, and merges them (exact percentiles). Every process then judges the same merged
/// result, so the pure search takes the same next step everywhere: no coordinator, only the shared folder.
/// A segment's result that is provably an earlier search's (a Job run again with the same --out; <see cref="SearchWindow"/>)
/// is never merged, so it cannot stand in for a segment of this search that has not arrived yet.
/// </summary>
internal static class SegmentBarrier
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static string FolderName(ExecutionSegment segment) =>
        "segment-" + segment.From.ToString().Replace('/', '_') + "-" + segment.To.ToString().Replace('/', '_');

    /// <summary>The merged step, or a <see cref="TimeoutException"/> naming the segments still missing after <paramref name="timeout"/>.</summary>
    public static async Task<RunResult> MergeAsync(
        string stepFolder, int step, SearchWindow search, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var problem = "no segment has written its result yet";
        while (true)
        {
            var (parts, earlier) = await ReadAsync(stepFolder, step, search, cancellationToken).ConfigureAwait(false);
            var segments = parts.SelectMany(p => p.Segments).ToArray();
            var problems = SegmentCoverage.Problems(segments);
            if (segments.Length > 0 && problems.Count == 0)
            {
                return ResultMerger.Merge(parts.OrderBy(p => ExecutionSegment.Parse(p.Segments[0]).From));
            }

            problem = (segments.Length == 0 ? "no segment of this search has written its result yet" : string.Join("; ", problems))
                + (earlier > 0 ? $"; {earlier} segment result(s) of an earlier search, not counted" : "");
            if (time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{stepFolder}: the step's segments did not add up to the whole load within {timeout.TotalSeconds:0} s ({problem}); "
                    + "every pod must run `capacity` with the same config, the same --out on a shared volume, and its own segment of i/N:(i+1)/N");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(List<RunResult> Parts, int Earlier)> ReadAsync(string stepFolder, int step, SearchWindow search, CancellationToken cancellationToken)
    {
        var results = new List<RunResult>();
        var earlier = 0;
        if (!Directory.Exists(stepFolder))
        {
            return (results, earlier);
        }

        foreach (var file in Directory.GetDirectories(stepFolder, "segment-*").Select(d => Path.Combine(d, "result.json")).Where(File.Exists).Order(StringComparer.Ordinal))
        {
            try
            {
                var part = await RunResultJson.ReadAsync(file, cancellationToken).ConfigureAwait(false);
                if (search.IsEarlier(part, step))
                {
                    earlier++;
                }
                else
                {
                    results.Add(part);
                }
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
            {
                // Written atomically (temp + rename): a failure here is a file being replaced; the next poll reads it.
            }
        }

        return (results, earlier);
    }
}
