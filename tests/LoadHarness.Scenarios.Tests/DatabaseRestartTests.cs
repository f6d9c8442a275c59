using LoadHarness.Core.Results;
using LoadHarness.Postgres.Local;
using LoadHarness.Reporting.Json;
using Npgsql;

namespace LoadHarness.Scenarios.Tests;

/// <summary>
/// PostgreSQL stopped and started again in the middle of a <c>Sql</c> run, for real (pg_ctl stop -m fast on the
/// cluster the run is loading): the failures are counted under kinds that say what happened (never an exception's
/// type name), the run goes on to its planned end, the pool recovers (the last seconds are all OK), and the result and
/// the reports are written.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task A_database_restarted_mid_run_is_counted_by_kind_and_the_run_recovers_and_writes_its_result()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions(), timeout.Token);
        var connectionString = await cluster.CreateDatabaseAsync("restart", timeout.Token);
        await using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand(
                "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL); INSERT INTO items SELECT n, 'item ' || n FROM generate_series(1, 200) AS n;",
                connection);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }

        var folder = CliRuns.TempFolder();
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, $$"""
                {
                  "TestName": "restart",
                  "Target": { "ConnectionString": "{{connectionString}}" },
                  "GlobalSettings": {
                    "ScenariosSettings": [
                      { "ScenarioName": "items", "Stages": [ { "Duration": "1s", "Target": 2 }, { "Duration": "19s", "Target": 2 } ], "ThinkTime": "50ms",
                        "Sql": { "MaxPoolSize": 4, "Queries": [
                          { "Name": "item", "Sql": "SELECT name FROM items WHERE id = @id",
                            "Parameters": [ { "Name": "id", "From": "SELECT id FROM items" } ], "Checks": [ "rows == 1" ] } ] },
                        "Thresholds": [ "rate < 0.01" ] }
                    ],
                    "ReportFormats": [ "Md", "Csv" ]
                  }
                }
                """, timeout.Token);

            var run = CliRuns.RunAsync("run", "--config", config, "--ci", "--out", Path.Combine(folder, "out"));

            // The outage starts once the run's own connections are at work (whatever the machine's speed), lasts 2 s.
            // Off xUnit's synchronization context, as the run is: its continuations must not queue behind anything.
            var outage = await Task.Run(async () =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await WaitForLoadAsync(connectionString, run, timeout.Token);
                var story = $"load seen at {clock.Elapsed.TotalSeconds:0.0} s";
                await cluster.StopAsync(timeout.Token);
                story += $", stopped at {clock.Elapsed.TotalSeconds:0.0} s";
                await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
                await cluster.StartAgainAsync(timeout.Token);
                return story + $", started again at {clock.Elapsed.TotalSeconds:0.0} s";
            });

            var (exitCode, output) = await run;
            var text = outage + "\n" + output;
            var resultFile = Path.Combine(folder, "out", "result.json");
            Assert.True(File.Exists(resultFile), text);
            Assert.True(File.Exists(Path.Combine(folder, "out", "summary.md")), text);
            var result = await RunResultJson.ReadAsync(resultFile);
            Assert.Equal(RunStatus.Completed, result.Status);
            var scenario = Assert.Single(result.Scenarios);
            var stats = Assert.Single(scenario.Steps).Stats;

            // Counted, by kinds that name the cause: the server's own "terminating connection" (pg 57P01), "the database
            // system is starting up" (pg 57P03), a refused or lost connection. Never an exception's type name.
            Assert.True(stats.FailCount > 0, text);
            Assert.Equal(stats.FailCount, stats.Errors.Sum(e => e.Count));
            Assert.All(stats.Errors, e => Assert.True(
                e.Kind.StartsWith("pg ", StringComparison.Ordinal) || e.Kind is "connection refused" or "connection lost",
                $"error kind '{e.Kind}' ({e.FirstMessage})\n{text}"));

            // The pool recovers: OK requests after the outage, and the last two full seconds have no failure.
            var seconds = scenario.Timeline.Where(p => p.Requests > 0).ToArray();
            var lastFailure = Array.FindLastIndex(seconds, p => p.Fail > 0);
            Assert.True(lastFailure >= 0 && seconds.Skip(lastFailure + 1).Sum(p => p.Ok) > 0, text);
            Assert.All(seconds[^3..^1], p => Assert.True(p.Fail == 0 && p.Ok > 0, $"second {p.TimeSec}: {p.Ok} ok, {p.Fail} failed\n{text}"));

            // The gate is judged on what happened, and the exit code follows it.
            var gate = Assert.Single(result.Thresholds);
            Assert.True(exitCode == (gate.Passed ? 0 : 99), text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitForLoadAsync(string connectionString, Task<(int ExitCode, string Output)> run, CancellationToken ct)
    {
        // Both VUs' connections of the scenario's pool are open (its application name), then one more second of load.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'loadharness:items'", connection);
        while ((long)(await command.ExecuteScalarAsync(ct))! < 2)
        {
            if (run.IsCompleted)
            {
                await using var all = new NpgsqlCommand("SELECT string_agg(coalesce(application_name,'') || '/' || coalesce(datname,'') || '/' || coalesce(state,''), '; ') FROM pg_stat_activity", connection);
                Assert.Fail("the run ended before its load reached the database:\n" + await all.ExecuteScalarAsync(ct) + "\n" + (run.IsFaulted ? run.Exception!.ToString() : run.Result.Output));
            }
            await Task.Delay(100, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }
}
