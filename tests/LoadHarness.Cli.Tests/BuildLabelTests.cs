using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests;

/// <summary><c>run --label</c>: the build label is kept in result.json and names the run in compare.</summary>
public sealed class BuildLabelTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task A_labelled_run_keeps_its_label_and_compare_names_it()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 1000"]));

        var first = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("v1"), "--label", "v1.4.1", "--quiet");
        var second = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("v2"), "--label", "v1.4.2", "--quiet");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("v2/result.json"));
        Assert.Equal("v1.4.2", result.Test.Labels["build"]);
        var compare = await CliRunner.RunAsync("compare", temp.File("v1/result.json"), temp.File("v2/result.json"));
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Contains("v1.4.1", compare.Out, StringComparison.Ordinal);
        Assert.Contains("v1.4.2", compare.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    public async Task A_label_that_is_not_one_printable_line_exits_2_before_running(string label)
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", []));

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--label", label);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--label", outcome.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("out/result.json")));
    }
}
