using LoadHarness.Cli.Output;
using LoadHarness.Core.Metrics;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Reporting.Json;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>A result is never lost: when the report folder cannot be written, the temp fallbacks in turn; when none can, no folder is claimed.</summary>
public sealed class ReportSavingTests
{
    private static readonly Core.Results.RunResult Result = TestResults.With(
        TestResults.Scenario("api", StatsBuilder.Build(Histograms.Create(), Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), [])), durationMs: 1_000);

    [Fact]
    public async Task A_fallback_folder_another_user_made_first_is_passed_over_for_a_new_one()
    {
        using var temp = new TempFolder();
        var blocked = temp.Write("a-file", "not a folder");
        // What another user's /tmp/loadharness-results-<name> is to this one: in the way.
        File.WriteAllText(Path.Combine(temp.Path, "loadharness-results-" + string.Concat(Environment.UserName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'))), "x");
        using var err = new StringWriter();

        var (folder, asAsked) = await ReportSaving.WriteAsync(new CliContext(TextWriter.Null, err, false), Result, Path.Combine(blocked, "reports"), [], temp.Path);

        Assert.False(asAsked);
        Assert.NotNull(folder);
        Assert.StartsWith(Path.Combine(temp.Path, "loadharness-"), folder, StringComparison.Ordinal);
        Assert.Single((await RunResultJson.ReadAsync(Path.Combine(folder, "result.json"))).Scenarios);
        Assert.Contains($"the result is saved to {folder}/result.json", err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quick", "GET /api/health", "quick-GET__api_health-")] // a quick run: its suite and request
    [InlineData("seed", "day16 audit", "day16_audit-")]
    public async Task A_fallback_folder_is_named_by_the_test(string suite, string name, string prefix)
    {
        using var temp = new TempFolder();
        var blocked = temp.Write("a-file", "not a folder");
        var result = Result with { Test = Result.Test with { TestSuite = suite, TestName = name } };

        var (folder, _) = await ReportSaving.WriteAsync(new CliContext(TextWriter.Null, TextWriter.Null, false), result, Path.Combine(blocked, "reports"), [], temp.Path);

        Assert.StartsWith(prefix, Path.GetFileName(folder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_nothing_can_be_written_no_folder_is_claimed()
    {
        using var temp = new TempFolder();
        var blocked = temp.Write("a-file", "not a folder");
        using var err = new StringWriter();

        var (folder, asAsked) = await ReportSaving.WriteAsync(new CliContext(TextWriter.Null, err, false), Result, Path.Combine(blocked, "reports"), [], blocked);

        Assert.Null(folder);
        Assert.False(asAsked);
        Assert.Contains("could not write result.json to ", err.ToString(), StringComparison.Ordinal);
        Assert.Contains("nor to a temp folder", err.ToString(), StringComparison.Ordinal);
    }
}
