using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests.Capacity;

/// <summary>`capacity`'s input checks (exit 2, nothing run), a failing first step (99), exploding errors and Ctrl+C (130).</summary>
public sealed class CapacityCommandTests(KnownCapacityServer server) : IClassFixture<KnownCapacityServer>
{
    private static readonly string[] Short = ["--step-duration", "2s", "--warm-up", "1s"];

    [Theory]
    [InlineData("--step-vus|5|--step-rate|10", "--step-vus", "not both")]
    [InlineData("--gate|p(95) <", "--gate", "")]
    [InlineData("--step-vus|5|--max-vus|2", "--max-vus", "below the first step")]
    [InlineData("--resolution|0", "--resolution", "is not a resolution")]
    [InlineData("--resolution|120%", "--resolution", "is not a resolution")]
    [InlineData("--warm-up|soon", "--warm-up", "'soon' is not a duration")]
    [InlineData("--step-duration|0s", "--step-duration", "positive duration")]
    [InlineData("--segment-wait|0s", "--segment-wait", "positive duration")]
    [InlineData("--step-rate|0", "--step-rate", "at least 1")]
    [InlineData("--scenario|wrok", "--target-scenarios", "did you mean 'work'")]
    [InlineData("--before-after", "--before-after", "needs the embedded default")]
    public async Task Bad_flags_exit_2_naming_the_flag_and_run_nothing(string flags, string named, string message)
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync(["capacity", "-c", temp.Write("config.json", server.Config()), "--out", temp.File("out"), .. flags.Split('|')]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(named, outcome.Err, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")), "nothing may run");
    }

    [Fact]
    public async Task A_url_alone_is_searched_as_the_quick_run_with_the_default_gate()
    {
        using var temp = new TempFolder();

        // 2 and 4 VUs on 4 slots of 100 ms: no queue, p95 ≈ 100 ms, both hold; the search stops at its maximum.
        var outcome = await CliRunner.RunAsync(
            ["capacity", "--url", server.BaseUrl + "/work", "--think", "10ms", "--step-vus", "2", "--max-vus", "4", "--out", temp.File("out"), "--no-confirm", .. Short]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.DoesNotContain("embedded", outcome.Out, StringComparison.Ordinal);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(LoadHarness.Cli.Configuration.QuickRunConfig.ScenarioName, result.Scenario);
        Assert.Equal(LoadHarness.Cli.Commands.Capacity.CapacityPlan.DefaultGate, result.Gate);
        Assert.Equal(4, result.Sustainable!.Load);
        Assert.Equal(2, result.Steps.Count);

        // A quick run's checks join the default gate: /work answers "done", so a check on another text fails every step.
        var checkedRun = await CliRunner.RunAsync(
            ["capacity", "--url", server.BaseUrl + "/work", "--think", "10ms", "--check", "body contains nothing-like-this", "--step-vus", "2", "--max-vus", "2",
                "--out", temp.File("checked"), "--no-confirm", .. Short]);
        Assert.True(checkedRun.ExitCode == 99, checkedRun.ToString());
        Assert.Equal([.. LoadHarness.Cli.Commands.Capacity.CapacityPlan.DefaultGate, "checks > 0.99"], (await CapacityJson.ReadAsync(temp.File("checked/capacity.json"))).Gate);

        var bad = await CliRunner.RunAsync("capacity", "--url", "localhost:8080", "--step-vus", "2");
        Assert.True(bad.ExitCode == 2 && bad.Err.Contains("--url: 'localhost:8080' is not an absolute http(s) URL", StringComparison.Ordinal), bad.ToString());
        var stray = await CliRunner.RunAsync("capacity", "--think", "1s", "--step-vus", "2");
        Assert.True(stray.ExitCode == 2 && stray.Err.Contains("--think belongs to a quick run", StringComparison.Ordinal), stray.ToString());
    }

    [Fact]
    public async Task The_capacity_section_is_checked_by_path_and_line()
    {
        using var temp = new TempFolder();
        var config = server.Config(capacity: """
            {
                "StepVUs": 5,
                "Resolutoin": "5%",
                "MaxVUs": "many",
                "SegmentWait": "a while",
                "Gate": [ "p(95) < 300", "p(95) <<" ]
              }
            """);

        var outcome = await CliRunner.RunAsync("capacity", "-c", temp.Write("config.json", config), "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("Capacity.Resolutoin", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Resolution'", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("Capacity.MaxVUs", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("'many'", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("Capacity.Gate[1]", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("Capacity.SegmentWait", outcome.Err, StringComparison.Ordinal);
        Assert.Matches(@"Capacity\.Resolutoin \(line \d+\)", outcome.Err);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public async Task A_first_step_that_crosses_the_gate_twice_exits_99()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync(
            ["capacity", "-c", temp.Write("config.json", server.Config()), "--out", temp.File("out"), "--step-vus", "2", "--gate", "p(95) < 5", .. Short]);

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.FirstStepFailed, result.Answer.Outcome);
        Assert.Equal([StepPhase.Ramp, StepPhase.Confirm], result.Steps.Select(s => s.Phase));
        Assert.All(result.Steps, s => Assert.Equal(2, s.Load));
        Assert.Equal(["p(95) < 5"], result.Answer.Crossed);
        Assert.StartsWith("sustainable: none; first failing: 2 VUs", outcome.Out.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exploding_errors_abort_the_step_and_stop_the_search()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync(
            ["capacity", "-c", temp.Write("config.json", server.Config("/down")), "--out", temp.File("out"), "--step-vus", "2", "--step-duration", "20s", "--warm-up", "1s"]);

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.ErrorsExploded, result.Answer.Outcome);
        var step = Assert.Single(result.Steps);
        Assert.Equal(StepVerdict.ErrorsExploded, step.Verdict);
        Assert.Equal(RunStatus.Aborted, step.Status);
        Assert.Equal(1.0, step.ErrorRate);
        var run = await RunResultJson.ReadAsync(temp.File("out/" + step.ResultPath));
        Assert.True(run.Scenarios.Single().DurationMs < 15_000, "the guard stops the 20 s step early");
        Assert.Contains(run.Thresholds, t => t.AbortedRun && t.Expression == "rate < 0.5");
    }

    [Fact]
    public async Task Interrupting_exits_130_and_keeps_the_steps_and_the_report()
    {
        using var temp = new TempFolder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
        var outcome = await CliRunner.RunAsync(
            cancel.Token, ["capacity", "-c", temp.Write("config.json", server.Config()), "--out", temp.File("out"), "--step-vus", "2", "--step-duration", "30s", "--warm-up", "1s"]);

        Assert.True(outcome.ExitCode == 130, outcome.ToString());
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.Interrupted, result.Answer.Outcome);
        var step = Assert.Single(result.Steps);
        Assert.Equal(RunStatus.Interrupted, step.Status);
        Assert.True(File.Exists(temp.File("out/" + step.ResultPath)));
        Assert.True(File.Exists(temp.File("out/capacity.html")));
        Assert.EndsWith("(interrupted)", outcome.Out.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }
}
