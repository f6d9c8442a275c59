using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Compare;

/// <summary>Writes a comparison's files into a folder, each atomically: compare.md, compare.html, compare.json.</summary>
public static class CompareReport
{
    public static async Task<IReadOnlyList<string>> WriteAsync(BuildComparison comparison, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return
        [
            await AtomicFile.WriteTextAsync(Path.Combine(folder, ComparisonRenderer.MarkdownFileName), ComparisonRenderer.Markdown(comparison), cancellationToken).ConfigureAwait(false),
            await AtomicFile.WriteTextAsync(Path.Combine(folder, ComparePage.FileName), ComparePage.Render(comparison), cancellationToken).ConfigureAwait(false),
            await AtomicFile.WriteTextAsync(Path.Combine(folder, ComparisonJson.FileName), ComparisonJson.Serialize(comparison), cancellationToken).ConfigureAwait(false),
        ];
    }
}
