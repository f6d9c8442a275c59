using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Scenarios.Tests;

/// <summary>
/// The seed's per-query EXPLAIN targets judged after the load of <c>loadharness run</c> (<c>explain(name): p(95) &lt; 5</c>
/// on the config's Queries section), end to end on the embedded target: observed values in result.json and summary.md,
/// the exit code following them, and a query that cannot run giving "no data" with a note, never a crash.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ExplainGateTests
{
    private const string Queries = """
        "Queries": [
          { "Name": "unread_count", "Runs": 5,
            "Sql": "SELECT COUNT(*) FROM notifications WHERE user_id = @user_id AND is_read = false",
            "Parameters": [ { "Name": "user_id", "From": "SELECT id AS user_id FROM users ORDER BY random() LIMIT 50" } ] },
          { "Name": "broken", "Sql": "SELECT * FROM no_such_table WHERE id = 1" }
        ],
        """;

    [Fact]
    public async Task Explain_targets_are_measured_after_the_load_with_their_observed_values_and_the_gate_follows_them()
    {
        var folder = CliRuns.TempFolder();
        try
        {
            var config = await WriteConfigAsync(folder, "explain_pass", """ "explain(unread_count): p(95) < 1000", "explain(unread_count): p(99.5) < 1000", "explain(unread_count) < 1000" """);

            var (exitCode, text) = await CliRuns.RunAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));

            Assert.True(exitCode == 0, text);
            var result = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "result.json"));
            var explain = result.Thresholds.Where(t => t.Expression.StartsWith("explain(", StringComparison.Ordinal)).ToArray();
            Assert.Equal(3, explain.Length);
            Assert.All(explain, t =>
            {
                Assert.True(t.Passed && !t.NoData, t.Description);
                Assert.Equal(ThresholdUnit.Milliseconds, t.Unit);
                Assert.True(t.Observed is > 0 and < 1000, t.Description);
            });
            foreach (var key in new[] { "explain(unread_count).p95", "explain(unread_count).med", "explain(unread_count).max", "explain(unread_count).mean", "explain(unread_count).p99.5" })
            {
                Assert.Contains(result.Measurements, m => m.Name == key && m.Unit == ThresholdUnit.Milliseconds);
            }

            // The unnamed "broken" query is not run: only the queries thresholds name are.
            var section = Assert.Single(result.Sections, s => s.Id == "explain");
            var row = Assert.Single(Assert.Single(section.Tables).Rows);
            Assert.Equal("unread_count", row[0]);
            Assert.Equal("5", row[1]);
            Assert.Contains("idx_notifications", row[6], StringComparison.Ordinal);

            // The Sql scenario's pool was warm: its 5 connections open before the load of 2 VUs (which needs 1 or 2).
            Assert.True(result.Series.Single(s => s.Name == "db.connections.app(loadharness:unread)").Points.Max(p => p.Value) >= 5, text);

            var summary = await File.ReadAllTextAsync(Path.Combine(folder, "out", "summary.md"));
            Assert.Contains("explain(unread_count)", summary, StringComparison.Ordinal);
            Assert.Contains("EXPLAIN ANALYZE after the load", summary, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_crossed_explain_target_exits_99_and_a_query_that_cannot_run_is_no_data_with_a_note()
    {
        var folder = CliRuns.TempFolder();
        try
        {
            var config = await WriteConfigAsync(folder, "explain_fail", """ "explain(unread_count): max < 0.0000001", "explain(broken): p(95) < 5" """);

            var (exitCode, text) = await CliRuns.RunAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));

            Assert.True(exitCode == 99, text);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            var result = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "result.json"));
            var crossed = result.Thresholds.Single(t => t.Expression == "explain(unread_count): max < 0.0000001");
            Assert.False(crossed.Passed);
            Assert.False(crossed.NoData);
            Assert.True(crossed.Observed > 0, crossed.Description);
            var broken = result.Thresholds.Single(t => t.Expression == "explain(broken): p(95) < 5");
            Assert.True(broken.NoData, broken.Description);
            Assert.Contains("no data (limit < 5): explain(broken): could not run (42P01", broken.Description, StringComparison.Ordinal);   // why, in its own line
            var section = Assert.Single(result.Sections, s => s.Id == "explain");
            Assert.Contains(section.Notes, n => n.StartsWith("explain(broken): could not run (42P01", StringComparison.Ordinal));
            Assert.Contains(section.Tables[0].Rows, r => r[0] == "broken" && r[6].StartsWith("error", StringComparison.Ordinal));
            Assert.Contains("explain(broken)", text, StringComparison.Ordinal);

            // The rest of the gate is judged as always.
            Assert.True(result.Thresholds.Single(t => t.Expression == "rate < 0.01").Passed, text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> WriteConfigAsync(string folder, string name, string thresholds)
    {
        var config = Path.Combine(folder, "config.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "TestName": "{{name}}",
              "TargetScenarios": [ "unread" ],
              {{Queries}}
              "GlobalSettings": {
                "ScenariosSettings": [
                  { "ScenarioName": "unread", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "50ms",
                    "Sql": { "WarmConnections": 5, "Queries": [ { "Name": "unread_count",
                      "Sql": "SELECT COUNT(*) FROM notifications WHERE user_id = @user_id AND is_read = false",
                      "Parameters": [ { "Name": "user_id", "From": "SELECT id FROM users ORDER BY random() LIMIT 1000" } ],
                      "Checks": [ "rows == 1" ] } ] },
                    "Thresholds": [ "rate < 0.01", {{thresholds}} ] }
                ],
                "GlobalCustomSettings": { "SeedUsers": 200 },
                "ReportFormats": [ "Md" ]
              }
            }
            """);
        return config;
    }
}
