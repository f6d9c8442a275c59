using System.Globalization;
using System.Text.Json;
using LoadHarness.Cli.Commands.Capacity;
using LoadHarness.Core.Load;
using LoadHarness.Reporting.Merge;

namespace LoadHarness.Cli.Commands;

/// <summary>
/// The start of a test cut into segments on several processes: each says it is here (<c>segment-a-b.json</c> in a folder
/// they share: its segment, its id, when it began) and waits until the entries there of this search or run make up the
/// whole load exactly once; then every process starts its load, so the segments' loads add up to the plan's at every
/// moment. Without it a pod that started late (an image pulled on a new node) ran its part after its partner had run
/// its own: half loads, merged and judged as the whole one. <c>capacity --segment</c> gathers in
/// <c>&lt;--out&gt;/segments/</c> before step 1 (later steps meet at the merge), <c>run --segment --start-together DIR</c>
/// in DIR. An entry of an earlier search or run on the same volume is not counted: another id (the Job's uid), or, by
/// time, older than the wait (and, for a capacity search, no later than the folder's last search ended).
/// </summary>
internal static class SegmentRollCall
{
    public const string Folder = "segments";

    /// <summary>
    /// Says this process is here (in <paramref name="folder"/>, shared by every segment's process) and returns the roll
    /// call (segment → when its process began) once the entries that <paramref name="isThis"/> takes (by id and time)
    /// cover the whole load; a <see cref="TimeoutException"/> naming what is missing after <paramref name="timeout"/>.
    /// <paramref name="what"/> names the whole ("search", "run"); <paramref name="hint"/> ends the timeout's message; a folder
    /// that cannot be written is invalid input (<see cref="CliInputException"/>, exit 2) named by <paramref name="folderOption"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> GatherAsync(
        string folder,
        string folderOption,
        ExecutionSegment segment,
        string? id,
        DateTimeOffset startedUtc,
        Func<string?, DateTimeOffset, bool> isThis,
        string what,
        string hint,
        TimeSpan timeout,
        TimeProvider time,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(folder);
            await WriteAsync(Path.Combine(folder, FileName(segment)), new Entry(segment.ToString(), id, startedUtc), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{folderOption}: cannot write {Path.Combine(folder, FileName(segment))} ({e.GetType().Name}: {e.Message}); "
                + "the segments' processes meet in a folder every one of them can write (a shared volume); nothing was run");
        }

        var started = time.GetTimestamp();
        var said = false;
        while (true)
        {
            var (here, earlier) = Read(folder, isThis);
            var problems = SegmentCoverage.Problems(here.Select(e => e.Segment));
            if (problems.Count == 0)
            {
                if (said)
                {
                    output.WriteLine($"all {here.Count} segments are here: the load starts");
                }

                return here.ToDictionary(e => e.Segment, e => e.StartedUtc, StringComparer.Ordinal);
            }

            var problem = string.Join("; ", problems) + (earlier > 0 ? $"; {earlier} segment(s) of an earlier {what}, not counted" : "");
            if (!said)
            {
                output.WriteLine($"segment {segment}: waiting for the other segments of this {what} in {folder} ({problem})");
                said = true;
            }

            if (time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{folder}: the {what}'s segments were not all here within {timeout.TotalSeconds:0} s ({problem}); {hint}");
            }

            await Task.Delay(SegmentBarrier.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes from <paramref name="folder"/> every entry that is not in <paramref name="rollCall"/> (an earlier one's).</summary>
    public static void RemoveEarlier(string folder, IReadOnlyDictionary<string, DateTimeOffset>? rollCall)
    {
        if (rollCall is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "segment-*.json"))
        {
            if (TryRead(file) is { } entry && !(rollCall.TryGetValue(entry.Segment, out var began) && began == entry.StartedUtc))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left: the next one does not count it either.
                }
            }
        }
    }

    private static string FileName(ExecutionSegment segment) => SegmentBarrier.FolderName(segment) + ".json";

    private static (List<Entry> Here, int Earlier) Read(string folder, Func<string?, DateTimeOffset, bool> isThis)
    {
        var here = new List<Entry>();
        var earlier = 0;
        foreach (var file in Directory.GetFiles(folder, "segment-*.json").Order(StringComparer.Ordinal))
        {
            if (TryRead(file) is not { } entry)
            {
                continue; // being replaced (written atomically), or not ours: the next poll reads it again
            }

            if (isThis(entry.Id, entry.StartedUtc))
            {
                here.Add(entry);
            }
            else
            {
                earlier++;
            }
        }

        return (here, earlier);
    }
    private static Entry? TryRead(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            if (root.TryGetProperty("segment", out var segment) && segment.GetString() is { } text
                && ExecutionSegment.TryParse(text, out var parsed, out _)
                && root.TryGetProperty("startedUtc", out var began) && began.TryGetDateTimeOffset(out var startedUtc))
            {
                var id = root.TryGetProperty("id", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                return new Entry(parsed!.ToString(), id, startedUtc);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(string path, Entry entry, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("segment", entry.Segment);
            if (entry.Id is null)
            {
                json.WriteNull("id");
            }
            else
            {
                json.WriteString("id", entry.Id);
            }

            json.WriteString("startedUtc", entry.StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("host", Environment.MachineName);
            json.WriteNumber("processId", Environment.ProcessId);
            json.WriteEndObject();
        }

        // Atomic: a partner polling the folder never reads half a file.
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        await File.WriteAllBytesAsync(temp, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private sealed record Entry(string Segment, string? Id, DateTimeOffset StartedUtc);
}
