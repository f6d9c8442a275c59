using System.Runtime.CompilerServices;
using LoadHarness.Reporting.Markdown;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

/// <summary>
/// summary.md compared with a committed snapshot under the invariant culture and a comma-decimal one.
/// Set LOADHARNESS_UPDATE_SNAPSHOTS=1 to rewrite the snapshot after an intended change (then review the diff).
/// </summary>
public sealed class MarkdownSnapshotTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public async Task Summary_matches_the_snapshot_in_any_culture(string culture)
    {
        using var folder = new TempFolder("md-" + (culture.Length == 0 ? "invariant" : culture));
        string actual;
        using (new CultureScope(culture))
        {
            await new MarkdownReportWriter().WriteAsync(Runs.Mixed(), folder.Path, CancellationToken.None);
            actual = await File.ReadAllTextAsync(folder.File(MarkdownReportWriter.FileName));
        }

        var snapshot = SnapshotPath();
        if (Environment.GetEnvironmentVariable("LOADHARNESS_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
        {
            await File.WriteAllTextAsync(snapshot, actual);
        }

        Assert.True(File.Exists(snapshot), $"missing snapshot {snapshot}; run once with LOADHARNESS_UPDATE_SNAPSHOTS=1");
        Assert.Equal(await File.ReadAllTextAsync(snapshot), actual);
        foreach (var image in System.Text.RegularExpressions.Regex.Matches(actual, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value))
        {
            Assert.True(new FileInfo(folder.File(image)).Length > 1000, image);
        }
    }

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "summary.md");
}
