using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Trend;

/// <summary>Writes trend.html and trend.md into a folder, each atomically.</summary>
public static class TrendReport
{
    public static async Task<IReadOnlyList<string>> WriteAsync(TrendAnalysis trend, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return
        [
            await AtomicFile.WriteTextAsync(Path.Combine(folder, TrendPage.FileName), TrendPage.Render(trend), cancellationToken).ConfigureAwait(false),
            await AtomicFile.WriteTextAsync(Path.Combine(folder, TrendMarkdown.FileName), TrendMarkdown.Render(trend), cancellationToken).ConfigureAwait(false),
        ];
    }
}
