using System.Text.Json;
using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary><c>loadharness bench-queries</c> end to end: the config's Queries, targets, exit codes, bad Queries by path and line.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BenchQueriesVerbTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_configs_queries_meet_or_miss_their_targets_with_exit_0_or_99()
    {
        var db = await postgres.DatabaseAsync("bench_cli",
            "CREATE TABLE items (id int PRIMARY KEY, owner_id int NOT NULL, name text NOT NULL)",
            "INSERT INTO items SELECT g, g % 100, 'item ' || g FROM generate_series(1, 5000) g");
        using var temp = new TempFolder();
        var config = temp.Write("bench.json", Config(db, """
            { "Name": "by_id", "Sql": "SELECT * FROM items WHERE id = @id", "Parameters": [ { "Name": "id", "From": "SELECT id FROM items ORDER BY random() LIMIT 20" } ], "Target": "p(95) < 1000" },
            { "Name": "by_owner", "Sql": "SELECT count(*) FROM items WHERE owner_id = @owner_id", "Parameters": [ { "Name": "owner_id", "From": "SELECT DISTINCT owner_id FROM items" } ], "Target": 1000, "Runs": 3 }
            """));

        var met = await CliRunner.RunAsync("bench-queries", "-c", config, "--runs", "5", "--out", temp.File("met"), "--big-table-rows", "1000");

        Assert.True(met.ExitCode == 0, met.ToString());
        Has(met.Out, "by_id: median", met);
        Has(met.Out, "2 of 2 met their targets", met);
        using (var json = JsonDocument.Parse(File.ReadAllText(temp.File("met/queries.json"))))
        {
            var rows = json.RootElement.GetProperty("tables").GetProperty("queries").GetProperty("rows");
            Assert.Equal("by_id", rows[0].GetProperty("query").GetString());
            Assert.Equal(5, rows[0].GetProperty("runs").GetInt32());
            Assert.Equal(3, rows[1].GetProperty("runs").GetInt32());
            var plans = json.RootElement.GetProperty("tables").GetProperty("plans").GetProperty("rows");
            Assert.Contains("Index Scan", plans[0].GetProperty("node_types").GetString(), StringComparison.Ordinal);
            Assert.Equal("items", plans[1].GetProperty("big_seq_scans").GetString());
        }

        var seqScanFails = await CliRunner.RunAsync("bench-queries", "-c", config, "--runs", "2", "--out", temp.File("seq"), "--big-table-rows", "1000", "--fail-on-seq-scan");
        Assert.True(seqScanFails.ExitCode == 99, seqScanFails.ToString());
        Has(seqScanFails.Out, "1 of 2 met their targets", seqScanFails);
    }

    [Fact]
    public async Task A_query_that_cannot_run_is_exit_2_after_the_others_ran()
    {
        var db = await postgres.DatabaseAsync("bench_typo", "CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items SELECT generate_series(1, 10)");
        using var temp = new TempFolder();
        var config = temp.Write("bench.json", Config(db, """
            { "Name": "typo", "Sql": "SELECT * FROM itemz", "Target": 10 },
            { "Name": "ok", "Sql": "SELECT * FROM items WHERE id = @id", "Parameters": [ { "Name": "id", "From": "SELECT id FROM items" } ], "Target": 1000 }
            """));

        var outcome = await CliRunner.RunAsync("bench-queries", "-c", config, "--runs", "2", "--out", temp.Path);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Has(outcome.Out, "typo: ERROR 42P01: relation \"itemz\" does not exist", outcome);
        Has(outcome.Out, "1 of 2 met their targets, 1 could not run", outcome);
    }

    [Fact]
    public async Task Bad_queries_are_reported_by_path_and_line_and_nothing_runs()
    {
        using var temp = new TempFolder();
        var config = temp.Write("bench.json", Config("Host=127.0.0.1;Port=1", """
            { "Name": "no_sql", "Target": "p(95) < 5" },
            { "Name": "bad_target", "Sql": "SELECT 1", "Target": "p(95) > 5", "Runs": 0 },
            { "Name": "rls_alone", "Sql": "SELECT 1", "RlsTarget": 10, "Parameters": [ { "Name": "x" } ] }
            """));

        var outcome = await CliRunner.RunAsync("bench-queries", "-c", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Has(outcome.Err, "Queries[0].Sql (line 5): is required", outcome);
        Has(outcome.Err, "Queries[1].Target (line 6): 'p(95) > 5' is not a target", outcome);
        Has(outcome.Err, "Queries[1].Runs (line 6): expected a whole number of at least 1", outcome);
        Has(outcome.Err, "Queries[2].Parameters[0].From (line 7): is required", outcome);
        Has(outcome.Err, "Queries[2].RlsTarget (line 7): needs a Role or Settings", outcome);
        HasNot(outcome.Err, "could not connect", outcome);
    }

    [Fact]
    public async Task An_unknown_key_in_queries_is_caught_by_validate_with_a_suggestion()
    {
        using var temp = new TempFolder();
        var config = temp.Write("bench.json", Config("Host=127.0.0.1;Port=1", """{ "Name": "q", "Sqll": "SELECT 1" }""")
            .Replace("\"TargetScenarios\": []", "\"TargetScenarios\": [\"db_profile_fetch\"]", StringComparison.Ordinal));

        var outcome = await CliRunner.RunAsync("validate", "-c", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Has(outcome.Err, "Queries[0].Sqll", outcome);
        Has(outcome.Err, "did you mean 'Sql'", outcome);
    }

    private static string Config(string connectionString, string queries) => $$"""
        {
          "TestName": "bench",
          "Target": { "ConnectionString": "{{connectionString}}" },
          "Queries": [
            {{queries}}
          ],
          "TargetScenarios": []
        }
        """;

    private static void Has(string text, string expected, CliOutcome outcome) =>
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in:\n{outcome}");

    private static void HasNot(string text, string unexpected, CliOutcome outcome) =>
        Assert.False(text.Contains(unexpected, StringComparison.Ordinal), $"did not expect '{unexpected}' in:\n{outcome}");
}
