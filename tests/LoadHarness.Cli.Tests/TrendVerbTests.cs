using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests;

/// <summary><c>trend</c> end to end on a folder of result files: the pages, the latest run's verdict, exit codes.</summary>
public sealed class TrendVerbTests
{
    private static async Task WriteHistoryAsync(TempFolder temp, double latestFactor)
    {
        for (var day = 1; day <= 6; day++)
        {
            var path = temp.File($"history/{day}/result.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await RunResultJson.WriteAsync(SyntheticRuns.Build(new SyntheticRun
            {
                Seed = day, Build = $"v1.{day}", Factor = day == 6 ? latestFactor : 1, StartedUtc = new DateTimeOffset(2025, 3, day, 9, 0, 0, TimeSpan.Zero),
            }), path);
        }
    }

    [Fact]
    public async Task A_folder_of_runs_gives_the_trend_pages_and_gates_the_latest_run_when_asked()
    {
        using var temp = new TempFolder();
        await WriteHistoryAsync(temp, latestFactor: 1.7);

        var looked = await CliRunner.RunAsync("trend", temp.File("history"), "--out", temp.File("trend"));
        Assert.True(looked.ExitCode == 0, looked.ToString());
        Assert.Contains("latest run: REGRESSION", looked.Out, StringComparison.Ordinal);
        Assert.Contains("| 6 | v1.6", looked.Out, StringComparison.Ordinal);
        Assert.True(new FileInfo(temp.File("trend/trend.html")).Length > 10_000);
        Assert.True(File.Exists(temp.File("trend/trend.md")));

        var gated = await CliRunner.RunAsync("trend", temp.File("history"), "--fail-on-regression", "10", "--window", "3");
        Assert.True(gated.ExitCode == 99, gated.ToString());
        Assert.Contains("against the previous 3 runs", gated.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_steady_history_passes_and_bad_arguments_exit_2()
    {
        using var temp = new TempFolder();
        await WriteHistoryAsync(temp, latestFactor: 1);

        var steady = await CliRunner.RunAsync("trend", temp.File("history"), "--fail-on-regression", "10");
        Assert.True(steady.ExitCode == 0, steady.ToString());

        var window = await CliRunner.RunAsync("trend", temp.File("history"), "--window", "0");
        Assert.True(window.ExitCode == 2, window.ToString());
        Assert.Contains("--window: 0", window.Err, StringComparison.Ordinal);
        var missing = await CliRunner.RunAsync("trend", temp.File("nowhere"));
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("nowhere: file not found", missing.Err, StringComparison.Ordinal);
    }
}
