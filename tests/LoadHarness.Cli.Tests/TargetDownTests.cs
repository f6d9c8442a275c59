using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests;

/// <summary>A target that is down when the run starts is the gate's failure, written down, not a crash of the harness.</summary>
public sealed class TargetDownTests
{
    [Fact]
    public async Task A_database_that_refuses_connections_at_the_start_exits_99_with_a_written_result_naming_what_failed()
    {
        using var temp = new TempFolder();
        var port = LoopbackServer.ClosedPort();
        var config = temp.Write("config.json", $$"""
            {
              "TestName": "db down",
              "TargetScenarios": [ "db_unread_count" ],
              "Target": { "ConnectionString": "Host=127.0.0.1;Port={{port}};Database=app;Username=loadtest;Password=s3cret-pw;Timeout=3" },
              "GlobalSettings": {
                "ScenariosSettings": [ { "ScenarioName": "db_unread_count", "LoadSimulationsSettings": [ { "KeepConstant": [2, "2s"] } ], "Thresholds": [ "p(95) < 500" ] } ],
                "ReportFormats": [ "Md", "Junit" ]
              }
            }
            """);

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("scenario 'db_unread_count' could not start: init failed", outcome.Out, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", outcome.Err, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.False(result.Passed);
        Assert.Contains(result.Thresholds, t => t.Expression == "init succeeds" && t.Scenario == "db_unread_count" && !t.Passed);
        Assert.True(File.Exists(temp.File("out/summary.md")));
        Assert.True(File.Exists(temp.File("out/junit.xml")));
        foreach (var file in Directory.GetFiles(temp.File("out")))
        {
            Assert.DoesNotContain("s3cret-pw", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("s3cret-pw", outcome.Out + outcome.Err, StringComparison.Ordinal);
    }
}
