using System.Globalization;
using LoadHarness.Postgres.Local;
using LoadHarness.Reporting.Json;
using Npgsql;

namespace LoadHarness.Scenarios.Tests;

/// <summary>
/// The config's <c>Sql</c> scenarios against a schema the harness has never seen (a shop's orders, made here on a
/// LocalPostgres cluster): they run with no C#, their figures reach the gate, and a bad query or an empty parameter
/// query is bad input (exit 2) named by its key. Also a metrics endpoint that is not there: "no data", not a crash.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SqlScenarioTests(SqlScenarioTests.ShopDatabase shop) : IClassFixture<SqlScenarioTests.ShopDatabase>
{
    [Fact]
    public async Task A_sql_scenario_runs_its_queries_as_steps_with_parameters_from_the_database_and_its_statements_reach_the_gate()
    {
        var (exitCode, text, result) = await RunAsync("""
            { "Name": "orders_by_customer", "Sql": "SELECT id, total FROM orders WHERE customer = @customer ORDER BY id",
              "Parameters": [ { "Name": "customer", "From": "SELECT DISTINCT customer FROM orders" } ], "Checks": [ "rows >= 1" ] },
            { "Name": "big_orders", "Sql": "SELECT count(*) FROM orders WHERE customer = $1 AND total > 10",
              "Parameters": [ { "Name": "customer", "From": "SELECT DISTINCT customer FROM orders" } ], "Checks": [ "one row: rows == 1" ] }
            """, "\"rate < 0.01\", \"checks: rate > 0.99\", \"db.statement(orders_by_customer): mean < 1000\", \"db.statement(big_orders).calls > 0\", \"db.seq_scans(orders) > 0\"");

        Assert.True(exitCode == 0, text);
        var scenario = Assert.Single(result!.Scenarios);
        Assert.Equal(["orders_by_customer", "big_orders"], scenario.Steps.Select(s => s.Name));
        Assert.All(scenario.Steps, s => Assert.True(s.Stats.OkCount > 0 && s.Stats.FailCount == 0, text));
        Assert.Equal(scenario.Steps[0].Stats.OkCount, scenario.Checks.Single(c => c.Name == "rows >= 1").Passes);
        Assert.Equal(0, scenario.Checks.Single(c => c.Name == "one row").Fails);
        Assert.All(result.Thresholds, t => Assert.False(t.NoData, t.Description));
        var calls = result.Measurements.Single(m => m.Name == "db.statement(orders_by_customer).calls").Value;
        Assert.True(calls >= scenario.Steps[0].Stats.OkCount, text);
    }

    [Fact]
    public async Task A_bad_query_and_a_parameter_query_that_returns_nothing_exit_2_each_named_by_its_key_before_any_load()
    {
        var (exitCode, text, result) = await RunAsync("""
            { "Name": "nothing", "Sql": "SELECT id FROM orders WHERE customer = @customer",
              "Parameters": [ { "Name": "customer", "From": "SELECT customer FROM orders WHERE false" } ] },
            { "Name": "typo", "Sql": "SELECT totl FROM orders WHERE id = @id",
              "Parameters": [ { "Name": "id", "From": "SELECT id FROM orders" } ] }
            """, "\"rate < 0.01\"");

        Assert.True(exitCode == 2, text);
        Assert.Null(result);
        Assert.Contains("GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Parameters[0].From: returned no rows", text, StringComparison.Ordinal);
        Assert.Contains("GlobalSettings.ScenariosSettings[0].Sql.Queries[1].Sql: 42703: column \"totl\" does not exist", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metrics_endpoint_that_is_not_there_gives_no_data_and_a_note_not_a_crash()
    {
        var (exitCode, text, result) = await RunAsync("""
            { "Name": "orders", "Sql": "SELECT id FROM orders WHERE id = @id", "Parameters": [ { "Name": "id", "From": "SELECT id FROM orders" } ] }
            """, "\"rate < 0.01\", \"app.pool_usage: max < 0.8\"", $"http://127.0.0.1:{LoopbackServer.ClosedPort().ToString(CultureInfo.InvariantCulture)}/metrics");

        Assert.True(exitCode == 99, text);
        var pool = result!.Thresholds.Single(t => t.Expression == "app.pool_usage: max < 0.8");
        Assert.True(pool.NoData, pool.Description);
        Assert.StartsWith("app.pool_usage max: no data (limit < 0.8): ", pool.Description, StringComparison.Ordinal);
        Assert.Contains("scrapes failed, the first:", pool.Description, StringComparison.Ordinal);   // why, in the threshold's own line
        Assert.True(result.Thresholds.Single(t => t.Expression == "rate < 0.01").Passed, text);
        var section = Assert.Single(result.Sections, s => s.Id == "app-metrics");
        Assert.StartsWith("http://127.0.0.1:", section.Notes[0], StringComparison.Ordinal);
        Assert.Contains(": 0 of ", section.Notes[0], StringComparison.Ordinal);
        Assert.Contains("scrapes failed, the first:", section.Notes[1], StringComparison.Ordinal);
        Assert.DoesNotContain(result.Series, s => s.Name.StartsWith("app.", StringComparison.Ordinal));
    }

    private async Task<(int ExitCode, string Text, LoadHarness.Core.Results.RunResult? Result)> RunAsync(string queries, string thresholds, string? metricsUrl = null)
    {
        var folder = CliRuns.TempFolder();
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, $$"""
                {
                  "TestName": "shop",
                  "Target": { "ConnectionString": "{{shop.ConnectionString}}"{{(metricsUrl is null ? "" : $", \"MetricsUrl\": \"{metricsUrl}\"")}} },
                  "GlobalSettings": {
                    "ScenariosSettings": [
                      { "ScenarioName": "shop_orders", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "20ms",
                        "Sql": { "MaxPoolSize": 4, "Queries": [ {{queries}} ] },
                        "Thresholds": [ {{thresholds}} ] }
                    ],
                    "ReportFormats": [ "Md" ]
                  }
                }
                """);
            var (exitCode, text) = await CliRuns.RunAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));
            var path = Path.Combine(folder, "out", "result.json");
            return (exitCode, text, File.Exists(path) ? await RunResultJson.ReadAsync(path) : null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A LocalPostgres cluster with a database the harness knows nothing of: 300 orders of 10 customers, no index on customer.</summary>
    public sealed class ShopDatabase : IAsyncLifetime
    {
        private LocalPostgres? cluster;

        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions(), timeout.Token);
            ConnectionString = await cluster.CreateDatabaseAsync("shop", timeout.Token);
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand(
                """
                CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, total numeric(10, 2) NOT NULL);
                INSERT INTO orders SELECT n, 'customer-' || (n % 10), n * 1.5 FROM generate_series(1, 300) AS n;
                ANALYZE orders;
                """, connection);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }

        public async Task DisposeAsync()
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }
}
