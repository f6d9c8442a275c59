using System.Text.RegularExpressions;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Reporting;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// A capacity <c>--out</c> folder searched into again (a Job run again on its shared volume, a script with a fixed
/// folder) still holds the earlier search's <c>steps/</c>, under the same names wherever the loads repeat. What is
/// provably an earlier search's result (<see cref="SearchWindow.IsEarlier"/>) is never merged as a segment of this one,
/// and when the search is over the process that writes the reports removes it, so the folder holds this search's steps,
/// as <c>run --out</c> reused holds that run's reports only. Folders and files LoadHarness did not name are never touched.
/// </summary>
internal static partial class EarlierSearches
{
    /// <summary>
    /// Removes from <c>steps/</c> every result an earlier search left: a step's result.json or segment folder whose
    /// result is provably an earlier search's, then the step folder if nothing else is left in it. A result that cannot
    /// be read is kept. Returns how many results were removed.
    /// </summary>
    public static async Task<int> RemoveAsync(string outFolder, SearchWindow search)
    {
        var steps = Path.Combine(outFolder, CapacityStepRunner.StepsFolder);
        if (!Directory.Exists(steps))
        {
            return 0;
        }

        var removed = 0;
        foreach (var step in Directory.GetDirectories(steps).Where(d => StepFolderName().IsMatch(Path.GetFileName(d))))
        {
            var number = int.Parse(Path.GetFileName(step).Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
            var merged = Path.Combine(step, "result.json");
            if (await IsEarlierAsync(merged, number, search).ConfigureAwait(false))
            {
                removed += TryDelete(() => File.Delete(merged));
            }

            foreach (var segment in Directory.GetDirectories(step, "segment-*"))
            {
                if (await IsEarlierAsync(Path.Combine(segment, "result.json"), number, search).ConfigureAwait(false))
                {
                    removed += TryDelete(() => Directory.Delete(segment, recursive: true));
                }
            }

            // Emptied: the folder goes, with the list of what the run wrote into it (ReportWriterSet.ManifestFile).
            if (Directory.EnumerateFileSystemEntries(step).All(e => Path.GetFileName(e) == ReportWriterSet.ManifestFile))
            {
                TryDelete(() => Directory.Delete(step, recursive: true));
            }
        }

        return removed;
    }

    private static async Task<bool> IsEarlierAsync(string file, int step, SearchWindow search)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            return search.IsEarlier(await RunResultJson.ReadAsync(file, CancellationToken.None).ConfigureAwait(false), step);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return false; // not a result this process can judge: kept
        }
    }

    private static int TryDelete(Action delete)
    {
        try
        {
            delete();
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // left in place: the search's own results and reports are written
        }
    }

    /// <summary><see cref="CapacityStepRunner.FolderName"/>'s names: "03-150vus", "12-40ips".</summary>
    [GeneratedRegex(@"^\d{2,9}-\d+(vus|ips)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepFolderName();
}

/// <summary>
/// When this process's search began, whether other processes (segments) share its folder, when the last search into the
/// folder ended (its capacity.json, when one from before this search is there), the search's --search-id, how long a
/// segment waits for the others, and, once every segment is here (<see cref="SegmentRollCall"/>), when each segment's
/// process began its search.
/// </summary>
internal sealed record SearchWindow(
    DateTimeOffset StartedUtc,
    bool Segmented,
    DateTimeOffset? EarlierSearchEndedUtc = null,
    string? SearchId = null,
    TimeSpan? Wait = null,
    IReadOnlyDictionary<string, DateTimeOffset>? RollCall = null)
{
    /// <summary>The label (result.json's test.labels) that carries --search-id on each step's result.</summary>
    public const string SearchLabel = "capacity.search";

    /// <summary>How long a segment waits for the others, at the start and past each step's length.</summary>
    public TimeSpan SegmentWait => Wait ?? CapacityStepRunner.SegmentTimeout;

    /// <summary>
    /// The window of a search starting now into <paramref name="outFolder"/>: the folder's capacity.json, written when a
    /// search there ended, says when the last one did (unreadable or from the future: not known).
    /// </summary>
    public static async Task<SearchWindow> StartAsync(string outFolder, bool segmented, DateTimeOffset startedUtc, string? searchId = null, TimeSpan? wait = null)
    {
        DateTimeOffset? earlier = null;
        var file = Path.Combine(outFolder, CapacityJson.FileName);
        if (File.Exists(file))
        {
            try
            {
                var ended = (await CapacityJson.ReadAsync(file, CancellationToken.None).ConfigureAwait(false)).EndedUtc;
                earlier = ended < startedUtc ? ended : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                // Not known: the time rules alone.
            }
        }

        return new SearchWindow(startedUtc, segmented, earlier, searchId, wait);
    }

    /// <summary>
    /// Whether a segment's process that began its search at <paramref name="startedUtc"/> with <paramref name="searchId"/>
    /// is of this search: the same --search-id when this search has one, and by time, it began after the folder's last
    /// search ended and no longer than the wait before this one (a partner that began earlier has given up on it since).
    /// </summary>
    public bool IsThisSearchs(string? searchId, DateTimeOffset startedUtc) =>
        (SearchId is null || string.Equals(searchId, SearchId, StringComparison.Ordinal))
        && !(startedUtc <= EarlierSearchEndedUtc)
        && startedUtc >= StartedUtc - SegmentWait;

    /// <summary>
    /// Whether <paramref name="result"/>, found in step <paramref name="step"/>'s folder, is provably an earlier search's:
    /// <list type="bullet">
    /// <item>Alone in the folder (no segments): it ended before this search began.</item>
    /// <item>A segment's, with --search-id given: it carries another search's id (or none).</item>
    /// <item>A segment's, once every segment was here (<see cref="RollCall"/>): one of its segments is not in this
    /// search, or it started before that segment's process began this search (the same process's clock on both sides).</item>
    /// <item>Before the roll call (a search that never started), by time: a segment of step 2 or later that started
    /// before this search began; of step 1, one that ended no later than the earlier search did, or more than the wait
    /// before this search began.</item>
    /// </list>
    /// </summary>
    public bool IsEarlier(RunResult result, int step)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!Segmented)
        {
            return result.EndedUtc < StartedUtc;
        }

        if (SearchId is not null && !(result.Test.Labels.TryGetValue(SearchLabel, out var id) && string.Equals(id, SearchId, StringComparison.Ordinal)))
        {
            return true;
        }

        if (RollCall is { } rollCall)
        {
            return !result.Segments.All(s => ExecutionSegment.TryParse(s, out var segment, out _)
                && rollCall.TryGetValue(segment!.ToString(), out var began) && result.StartedUtc >= began);
        }

        return step > 1 ? result.StartedUtc < StartedUtc
            : result.EndedUtc <= EarlierSearchEndedUtc || result.EndedUtc < StartedUtc - SegmentWait;
    }
}
