using LoadHarness.Reporting.Json;
using System.Xml.Linq;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Tests;

/// <summary>`run` end to end against a real Kestrel app: exit codes 0 / 99 / 130, result files, junit failures.</summary>
public sealed class RunExitCodeTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task Passing_thresholds_exit_0_and_write_result_and_reports()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 1000", "rate < 0.01", "checks: rate > 0.99"]));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(result.Scenarios.Single().Stats.RequestCount > 10, outcome.ToString());
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, t.Description));
        Assert.Equal(3, result.Thresholds.Count);
        Assert.True(File.Exists(temp.File("out/summary.md")));
        Assert.True(File.Exists(temp.File("out/stats.csv")));
        var junit = XDocument.Load(temp.File("out/junit.xml"));
        Assert.Empty(junit.Descendants("failure"));
        Assert.Equal(3, junit.Descendants("testcase").Count());
        Assert.EndsWith(Path.GetFullPath(temp.File("out")), outcome.Out.TrimEnd().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task Crossed_p95_exits_99()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/slow?ms=120", ["p(95) < 50", "rate < 0.01"]));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        var p95 = result.Thresholds.Single(t => t.Expression == "p(95) < 50");
        Assert.False(p95.Passed);
        Assert.True(p95.Observed >= 100, p95.Description);
        Assert.True(result.Thresholds.Single(t => t.Expression == "rate < 0.01").Passed);
        Assert.Contains("✗ web: p(95) < 50", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crossed_error_rate_exits_99_and_junit_names_the_failure()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/fail", ["p(95) < 1000", "rate < 0.01"]));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        var junit = XDocument.Load(temp.File("out/junit.xml"));
        var failures = junit.Descendants("testcase").Where(t => t.Element("failure") is not null).ToArray();
        var failed = Assert.Single(failures);
        Assert.Contains("rate < 0.01", failed.Attribute("name")!.Value, StringComparison.Ordinal);
        Assert.Contains("rate=1", failed.Element("failure")!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_still_unanswered_when_GracefulStop_runs_out_are_failures_named_in_the_summary()
    {
        // A server that hangs: no answer within the 1 s run and its 1 s GracefulStop, RequestTimeout (60 s) far off.
        // k6 drops such requests (no data, err 0 %); here each is an "interrupted" failure the error rate gates on.
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/slow?ms=60000", ["rate < 0.01"], load: """[{ "KeepConstant": [2, "1s"] }]"""));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("0 iterations, 2 interrupted", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("✗ interrupted: 2 (first: no answer after ", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("GracefulStop (1 s) ran out", outcome.Out, StringComparison.Ordinal);
        var web = Assert.Single((await RunResultJson.ReadAsync(temp.File("out/result.json"))).Scenarios);
        var get = Assert.Single(web.Steps).Stats;
        Assert.Equal((2, 2), (get.RequestCount, get.FailCount));
        Assert.Equal("interrupted", Assert.Single(get.Errors).Kind);
        Assert.True(get.Latency.MinMs >= 1_000, $"{get.Latency.MinMs} ms: less than the 1 s grace it waited through");
        Assert.True(web.DurationMs < 10_000, $"{web.DurationMs} ms: the hung requests are not waited for beyond the grace");
    }

    [Fact]
    public async Task No_gate_reports_the_crossed_threshold_but_exits_0()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/fail", ["rate < 0.01"], load: """[{ "KeepConstant": [1, "1s"] }]"""));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--no-gate");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.False(result.Passed);
    }

    [Fact]
    public async Task Before_after_with_a_configured_target_is_invalid_input_and_runs_nothing()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"]));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--before-after");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--before-after needs the embedded default", outcome.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("out/result.json")));
    }

    [Fact]
    public async Task Abort_on_fail_stops_early_with_99()
    {
        using var temp = new TempFolder();
        var thresholds = new object[] { new { Expression = "rate < 0.01", AbortOnFail = true, DelayAbortEval = "1s" } };
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/fail", thresholds, load: """[{ "KeepConstant": [2, "30s"] }]"""));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        // Planned 30 s; abortOnFail judges every second after its 1 s delay (generous bounds: the machine is shared).
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(20), outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.True(result.DurationMs < 15_000, outcome.ToString());
        Assert.True(result.Thresholds.Single().AbortedRun);
    }

    [Fact]
    public async Task Cancellation_exits_130_with_an_interrupted_partial_result()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 1000"], load: """[{ "KeepConstant": [2, "30s"] }]"""));
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var outcome = await CliRunner.RunAsync(ctrlC.Token, "run", "--config", config, "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 130, outcome.ToString());
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(20), outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.True(result.Scenarios.Single().Stats.RequestCount > 0);
        Assert.True(File.Exists(temp.File("out/summary.md")));
    }
}
