using System.Text.RegularExpressions;
using LoadHarness.Core.Results;
using LoadHarness.Reporting;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// A capacity <c>--out</c> folder searched into again (a Job run again on its shared volume, a script with a fixed
/// folder) still holds the earlier search's <c>steps/</c>, under the same names wherever the loads repeat. A result
/// that ended before this search began is the earlier search's: the segment barrier never merges it, and when the
/// search is over the process that writes the reports removes it, so the folder holds this search's steps only, as
/// <c>run --out</c> reused holds that run's reports only. Folders and files LoadHarness did not name are never touched.
/// </summary>
internal static partial class EarlierSearches
{
    public static bool IsEarlier(RunResult result, DateTimeOffset searchStartedUtc) => result.EndedUtc < searchStartedUtc;

    /// <summary>
    /// Removes from <c>steps/</c> every result an earlier search left: a step's result.json or segment folder whose
    /// result ended before <paramref name="searchStartedUtc"/>, then the step folder if nothing else is left in it. A
    /// result that cannot be read is kept. Returns how many results were removed.
    /// </summary>
    public static async Task<int> RemoveAsync(string outFolder, DateTimeOffset searchStartedUtc)
    {
        var steps = Path.Combine(outFolder, CapacityStepRunner.StepsFolder);
        if (!Directory.Exists(steps))
        {
            return 0;
        }

        var removed = 0;
        foreach (var step in Directory.GetDirectories(steps).Where(d => StepFolderName().IsMatch(Path.GetFileName(d))))
        {
            var merged = Path.Combine(step, "result.json");
            if (await IsEarlierAsync(merged, searchStartedUtc).ConfigureAwait(false))
            {
                removed += TryDelete(() => File.Delete(merged));
            }

            foreach (var segment in Directory.GetDirectories(step, "segment-*"))
            {
                if (await IsEarlierAsync(Path.Combine(segment, "result.json"), searchStartedUtc).ConfigureAwait(false))
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

    private static async Task<bool> IsEarlierAsync(string file, DateTimeOffset searchStartedUtc)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            return IsEarlier(await RunResultJson.ReadAsync(file, CancellationToken.None).ConfigureAwait(false), searchStartedUtc);
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
    [GeneratedRegex(@"^\d{2,}-\d+(vus|ips)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepFolderName();
}
