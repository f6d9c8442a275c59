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

        return outcomes;
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
