using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Reporting;

/// <summary>
/// Writes <c>result.json</c> first (the canonical form), then every format. One writer failing is reported
/// in the returned outcomes and does not stop the others; every file is written to a temp file and renamed.
/// </summary>
public sealed class ReportWriterSet
{
    public const string JsonFormat = "json";
    public const string ResultFileName = "result.json";

    public ReportWriterSet(IEnumerable<IReportWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(writers);
        Writers = [.. writers];
    }

    public IReadOnlyList<IReportWriter> Writers { get; }

    /// <summary>A set of the named formats (case-insensitive, duplicates ignored); unknown names throw <see cref="ArgumentException"/>.</summary>
    public static ReportWriterSet ForFormats(IEnumerable<string> formatNames)
    {
        ArgumentNullException.ThrowIfNull(formatNames);
        var names = formatNames.Select(ReportFormats.Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (names.Contains(ReportFormats.Png))
        {
            names.Remove(ReportFormats.Md); // png is summary.md with PNG charts: one summary, not two
        }

        return new ReportWriterSet(names.Select(ReportFormats.Create).ToList());
    }

    /// <summary>Writes result.json, then each format. The first outcome is always the "json" one.</summary>
    public async Task<IReadOnlyList<ReportWriteOutcome>> WriteAsync(
        RunResult result, string outputFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        var folder = Path.GetFullPath(outputFolder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No folder, no report: one failed outcome for result.json says why (the caller keeps the result elsewhere).
            return [new ReportWriteOutcome(JsonFormat, [], new IOException($"cannot create the report folder {folder}: {e.Message}", e))];
        }

        var outcomes = new List<ReportWriteOutcome>(Writers.Count + 1)
        {
            await RunAsync(JsonFormat, async () =>
            {
                var path = Path.Combine(folder, ResultFileName);
                await RunResultJson.WriteAsync(result, path, cancellationToken).ConfigureAwait(false);
                return [path];
            }, cancellationToken).ConfigureAwait(false),
        };

        foreach (var writer in Writers)
        {
            outcomes.Add(await RunAsync(
                writer.Format,
                () => writer.WriteAsync(result, folder, cancellationToken),
                cancellationToken).ConfigureAwait(false));
        }

        ReplaceEarlierFiles(folder, result.Test.SessionId, outcomes.SelectMany(o => o.Files));
        return outcomes;
    }

    /// <summary>The hidden file listing what was written into a folder for which run: "session ID", then a file name a line.</summary>
    public const string ManifestFile = ".loadharness-files";

    /// <summary>
    /// A folder written again for another run (<c>--out</c> reused) holds that run's files only: what the earlier run's
    /// writes listed in <see cref="ManifestFile"/> and this one did not write (a format no longer asked for, a writer that
    /// failed this time, a chart of a scenario no longer run) is deleted, as a stale junit.xml or index.html would show the
    /// earlier run's verdict beside this one's. Re-rendering the same run (<c>report</c>, another format) adds to its
    /// files. Files LoadHarness did not write are never touched.
    /// </summary>
    private static void ReplaceEarlierFiles(string folder, string session, IEnumerable<string> written)
    {
        var manifest = Path.Combine(folder, ManifestFile);
        var now = written.Select(Path.GetFileName).OfType<string>().Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        try
        {
            var earlier = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
            var sameRun = earlier.Length > 0 && earlier[0] == "session " + session;
            foreach (var name in earlier.Skip(1))
            {
                // Names only: a line that is not a plain file name of this folder is not ours to delete.
                if (name.Length == 0 || now.Contains(name) || name != Path.GetFileName(name) || name == ManifestFile)
                {
                    continue;
                }

                if (sameRun)
                {
                    now.Add(name);
                }
                else
                {
                    File.Delete(Path.Combine(folder, name));
                }
            }

            File.WriteAllLines(manifest, now.Order(StringComparer.Ordinal).Prepend("session " + session));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reports are written; a leftover of an earlier write is not worth failing them.
        }
    }

    private static async Task<ReportWriteOutcome> RunAsync(
        string format, Func<Task<IReadOnlyList<string>>> write, CancellationToken cancellationToken)
    {
        try
        {
            var files = await write().ConfigureAwait(false);
            return new ReportWriteOutcome(format, files, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // one writer's failure of any kind must not stop the others; it is reported
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new ReportWriteOutcome(format, [], ex);
        }
    }
}
