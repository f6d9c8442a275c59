using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Scenarios.Tests;

/// <summary>
/// Database and application figures as part of the gate, end to end through <c>loadharness run</c> on the embedded
/// target: the run's deltas before and after the index migration, and the sample API's own pool usage.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DatabaseGateTests
{
    [Fact]
    public async Task A_short_runs_deltas_show_sequential_scans_before_the_migration_and_index_scans_only_after_it()
    {
        var folder = CliRuns.TempFolder();
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, """
                {
                  "TestName": "deltas",
                  "TargetScenarios": [ "unread" ],
                  "GlobalSettings": {
                    "ScenariosSettings": [
                      { "ScenarioName": "unread", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "50ms",
                        "Sql": { "Queries": [ { "Name": "unread_count",
                          "Sql": "SELECT COUNT(*) FROM notifications WHERE user_id = @user_id AND is_read = false",
                          "Parameters": [ { "Name": "user_id", "From": "SELECT id FROM users ORDER BY random() LIMIT 1000" } ],
                          "Checks": [ "rows == 1" ] } ] },
                        "Thresholds": [ "rate < 0.01", "db.seq_scans(notifications) == 0", "db.statement(unread_count): mean < 1000" ] }
                    ],
                    "GlobalCustomSettings": { "SeedUsers": 200 },
                    "ReportFormats": [ "Md" ]
                  }
                }
                """);

            var (exitCode, text) = await CliRuns.RunAsync("run", "--config", config, "--before-after", "--ci", "--out", Path.Combine(folder, "out"));

            var before = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "before", "result.json"));
            var after = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "after", "result.json"));
            Assert.True(Value(before, "db.seq_scans(notifications)") > 0, text);
            Assert.Equal(0, Value(before, "db.idx_scans(notifications)"));
            Assert.Equal(0, Value(after, "db.seq_scans(notifications)"));
            Assert.True(Value(after, "db.idx_scans(notifications)") > 0, text);
            Assert.True(Value(after, "db.statement(unread_count).calls") >= Assert.Single(after.Scenarios).Stats.OkCount, text);

            // db.index_usage counts tables of 1,000 rows or more; the embedded target resets the statistics after seeding
            // (n_live_tup 0), so the rows come from pg_class: without that fallback there would be no figure at all.
            Assert.True(Value(after, "db.index_usage") > Value(before, "db.index_usage"), text);

            // The gate: "before" crosses db.seq_scans(notifications) == 0, "after" holds every threshold; the exit code is the after's.
            Assert.False(before.Thresholds.Single(t => t.Expression == "db.seq_scans(notifications) == 0").Passed);
            Assert.All(after.Thresholds, t => Assert.True(t.Passed, t.Description + "\n" + text));
            Assert.True(exitCode == 0, text);
            Assert.Contains(after.Sections, s => s.Id == "database" && s.Tables.Any(t => t.Rows.Any(r => r[0] == "notifications")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_api_pool_smaller_than_the_vus_crosses_app_pool_usage_and_the_series_is_charted()
    {
        var folder = CliRuns.TempFolder();
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, """
                {
                  "TestName": "small_pool",
                  "TargetScenarios": [ "api_profile" ],
                  "GlobalSettings": {
                    "ScenariosSettings": [
                      { "ScenarioName": "api_profile", "Stages": [ { "Duration": "1s", "Target": 16 }, { "Duration": "4s", "Target": 16 } ],
                        "ThinkTime": "0ms", "Thresholds": [ "app.pool_usage: max < 0.8", "db.connections: max < 0.8" ] }
                    ],
                    "GlobalCustomSettings": { "SeedUsers": 200, "ApiMaxPoolSize": 2 },
                    "ReportFormats": [ "Html" ]
                  }
                }
                """);

            var (exitCode, text) = await CliRuns.RunAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));

            Assert.True(exitCode == 99, text);
            var result = await RunResultJson.ReadAsync(Path.Combine(folder, "out", "result.json"));
            var pool = result.Thresholds.Single(t => t.Expression == "app.pool_usage: max < 0.8");
            Assert.False(pool.NoData, text);
            Assert.False(pool.Passed, text);
            Assert.True(pool.Observed >= 0.8, pool.Description);
            Assert.Equal(ThresholdUnit.Fraction, pool.Unit);
            Assert.True(result.Thresholds.Single(t => t.Expression == "db.connections: max < 0.8").Passed, text);
            var max = Assert.Single(result.Series, s => s.Name == "app.pool.max");
            Assert.All(max.Points, p => Assert.Equal(2, p.Value));
            Assert.Contains("chart-series-application-pool-usage", await File.ReadAllTextAsync(Path.Combine(folder, "out", "index.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Value(RunResult result, string name) =>
        result.Measurements.SingleOrDefault(m => m.Name == name)?.Value
        ?? throw new Xunit.Sdk.XunitException($"no measurement {name}: {string.Join(", ", result.Measurements.Select(m => m.Name.ToString(CultureInfo.InvariantCulture)))}");
}
