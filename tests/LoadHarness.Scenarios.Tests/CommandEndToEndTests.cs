using LoadHarness.Reporting.Json;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadHarness.Cli;
using LoadHarness.Core.Results;

namespace LoadHarness.Scenarios.Tests;

/// <summary>
/// The README's first command end to end, in process: <c>loadharness run</c> with the repository's default
/// nbomber-config.json (duration scale 0.02, 1,000 seeded users) against the embedded default, and a run against a
/// stopped API.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CommandEndToEndTests
{
    private const string SeedUsersVariable = "LOADHARNESS__GLOBALSETTINGS__GLOBALCUSTOMSETTINGS__SEEDUSERS";

    [Fact]
    public async Task The_default_config_at_duration_scale_002_judges_the_k6_gate_with_no_errors_and_writes_every_report()
    {
        var output = TempFolder();
        var previous = Environment.GetEnvironmentVariable(SeedUsersVariable);
        Environment.SetEnvironmentVariable(SeedUsersVariable, "1000");
        try
        {
            var (exitCode, text) = await RunCliAsync("run", "--config", Path.Combine(RepositoryRoot(), "nbomber-config.json"),
                "--duration-scale", "0.02", "--ci", "--out", output);

            var result = await RunResultJson.ReadAsync(Path.Combine(output, "result.json"));
            Assert.Equal(RunStatus.Completed, result.Status);
            Assert.Equal(["api_profile", "db_profile_fetch", "db_unread_count", "db_session_lookup", "db_api_keys", "db_work_timeline"],
                result.Scenarios.Select(s => s.Name));
            Assert.All(result.Scenarios, s => Assert.True(s.Stats.OkCount > 0 && s.Stats.FailCount == 0, text));
            Assert.Equal(18, result.Thresholds.Count);
            Assert.All(result.Thresholds, t => Assert.False(t.NoData, t.Description));

            // The seed's k6 gate on every scenario is judged with observed values; errors < 1 % must hold (a healthy build
            // answers every request). Its p(95) < 500 ms is judged, not asserted: 600 VUs on a 2-core machine that also runs
            // PostgreSQL, the API and other test hosts measure the machine when it stalls (1.4 s seen under load), and a
            // smoke test that fails a healthy build for that teaches people to ignore it. The gate's arithmetic is tested
            // with exact data elsewhere (ThresholdTests, RunExitCodeTests).
            var gate = result.Thresholds.Where(t => t.Step is null && t.Expression is "p(95) < 500" or "rate < 0.01").ToArray();
            Assert.Equal(12, gate.Length);
            Assert.All(gate, t => Assert.True(t.Observed is not null, t.Description));
            Assert.All(gate.Where(t => t.Expression == "rate < 0.01"), t => Assert.True(t.Passed, t.Description + "\n" + text));

            // The seed's per-query targets (5-20 ms) and the 200 ms check are judged client-side on a 2-core machine that
            // also runs PostgreSQL and the API: they are evaluated and reported, and the exit code follows them exactly.
            var expectedExit = result.Thresholds.All(t => t.Passed) ? 0 : 99;
            Assert.True(exitCode == expectedExit, text);
            foreach (var file in new[] { "result.json", "index.html", "summary.md", "stats.csv", "junit.xml" })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} was not written:\n{text}");
            }

            Assert.Contains(result.Sections, s => s.Id == "database");
        }
        finally
        {
            Environment.SetEnvironmentVariable(SeedUsersVariable, previous);
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_against_a_stopped_api_fails_the_gate_with_99_and_counts_the_errors_by_kind()
    {
        var folder = TempFolder();
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
                {
                  "TestName": "stopped_api",
                  "TargetScenarios": [ "api_profile" ],
                  "Target": { "ApiBaseUrl": "http://127.0.0.1:{{ClosedPort()}}" },
                  "GlobalSettings": {
                    "ScenariosSettings": [
                      { "ScenarioName": "api_profile", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "100ms",
                        "Thresholds": [ "p(95) < 500", "rate < 0.01" ] }
                    ]
                  }
                }
                """));

            var (exitCode, text) = await RunCliAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));

            Assert.True(exitCode == 99, text);
            var result = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "result.json"));
            var step = Assert.Single(Assert.Single(result.Scenarios).Steps);
            Assert.Equal(0, step.Stats.OkCount);
            var error = Assert.Single(step.Stats.Errors);
            Assert.True(error.Kind == "connection refused" && error.Count == step.Stats.FailCount && error.Count > 0, text);
            Assert.False(result.Thresholds.Single(t => t.Expression == "rate < 0.01").Passed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // Off xUnit's synchronization context (it runs continuations on as many threads as there are cores): the
        // command must see the plain thread pool, as it does from ./run.sh.
        var exitCode = await Task.Run(() => CliApp.RunAsync(args, output, error, timeout.Token));
        return (exitCode, $"exit {exitCode}\n{output}\n{error}");
    }

    private static string TempFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lh-scenarios-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nbomber-config.json")) && File.Exists(Path.Combine(dir.FullName, "LoadHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (nbomber-config.json) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A loopback port nothing listens on (a stopped API).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
