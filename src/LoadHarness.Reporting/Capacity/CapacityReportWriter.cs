using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Capacity;

/// <summary>
/// Writes a capacity search's reports: capacity.json first (the canonical form), then capacity.md (with the knee chart
/// as a PNG beside it) and capacity.html. One failing writer is reported and does not stop the others; every file is
/// written atomically.
/// </summary>
public static class CapacityReportWriter
{
    public static async Task<IReadOnlyList<ReportWriteOutcome>> WriteAsync(CapacityResult result, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        return
        [
            await RunAsync("json", async () => [await CapacityJson.WriteAsync(result, full, cancellationToken).ConfigureAwait(false)]).ConfigureAwait(false),
            await RunAsync("md", () => WriteMarkdownAsync(result, full, cancellationToken)).ConfigureAwait(false),
            await RunAsync("html", async () => [await AtomicFile.WriteTextAsync(Path.Combine(full, CapacityHtml.FileName), CapacityHtml.Render(result), cancellationToken).ConfigureAwait(false)]).ConfigureAwait(false),
        ];
    }

    private static async Task<IReadOnlyList<string>> WriteMarkdownAsync(CapacityResult result, string folder, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var knee = CapacityCharts.Knee(result);
        if (knee is not null)
        {
            written.Add(await AtomicFile.WriteBytesAsync(Path.Combine(folder, CapacityMarkdown.KneeImage), knee.ToPng(), cancellationToken).ConfigureAwait(false));
        }

        written.Insert(0, await AtomicFile.WriteTextAsync(Path.Combine(folder, CapacityMarkdown.FileName), CapacityMarkdown.Render(result, knee is not null), cancellationToken).ConfigureAwait(false));

        return written;
    }

    private static async Task<ReportWriteOutcome> RunAsync(string format, Func<Task<IReadOnlyList<string>>> write)
    {
        try
        {
            return new ReportWriteOutcome(format, await write().ConfigureAwait(false), null);
        }
#pragma warning disable CA1031 // one writer's failure of any kind must not stop the others; it is reported
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new ReportWriteOutcome(format, [], e);
        }
    }
}
