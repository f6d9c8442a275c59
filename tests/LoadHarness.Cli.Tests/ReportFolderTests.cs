using LoadHarness.Cli.Output;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>Each run gets a report folder of its own, even two runs of one test started in the same second.</summary>
public sealed class ReportFolderTests
{
    private static readonly DateTimeOffset Second = new(2026, 12, 7, 9, 18, 42, TimeSpan.Zero);

    [Fact]
    public void Runs_of_the_same_second_get_folders_of_their_own_even_at_once()
    {
        using var temp = new TempFolder();

        // Before: every one of these was reports/quick/20261207-091842, and the last result.json written was the only one kept.
        var folders = new string[8];
        Parallel.For(0, folders.Length, i => folders[i] = ReportFolder.Resolve(null, temp.Path, "quick", Second));

        Assert.Equal(folders.Length, folders.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(Path.Combine(temp.Path, "quick", "20261207-091842"), folders);
        Assert.Contains(Path.Combine(temp.Path, "quick", "20261207-091842-8"), folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, ReportFolder.ClaimFile)), f));
    }

    [Fact]
    public void Out_is_taken_as_given_and_a_suffix_goes_after_the_timestamp()
    {
        using var temp = new TempFolder();

        Assert.Equal(temp.File("mine"), ReportFolder.Resolve(temp.File("mine"), "reports", "quick", Second));
        Assert.False(Directory.Exists(temp.File("mine"))); // created by the report writer, unclaimed
        Assert.Equal(Path.Combine(temp.Path, "t", "20261207-091842-merged"), ReportFolder.Resolve(null, temp.Path, "t", Second, "-merged"));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "t", "20261207-091842")));
    }
}
