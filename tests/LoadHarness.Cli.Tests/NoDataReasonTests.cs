using LoadHarness.Cli.Commands.Run;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests;

/// <summary>
/// A threshold whose figure has no data fails the gate; the reason is said where the verdict is read (the console line,
/// result.json's description, every report), not only in the report's Database section.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NoDataReasonTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_statement_threshold_on_a_database_without_pg_stat_statements_fails_saying_why()
    {
        var db = await postgres.DatabaseAsync("no_statements",
            "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 2000) g",
            "DROP EXTENSION IF EXISTS pg_stat_statements");
        using var temp = new TempFolder();
        var config = temp.Write("config.json", $$"""
            {
              "TestName": "no_statements",
              "Target": { "ConnectionString": "{{db}}" },
              "GlobalSettings": {
                "ScenariosSettings": [
                  { "ScenarioName": "lookup", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "50ms",
                    "Thresholds": [ "db.statement(by_id): mean < 5", "db.seq_scans(items) == 0" ],
                    "Sql": { "Queries": [ { "Name": "by_id", "Sql": "SELECT name FROM items WHERE id = @id",
                      "Parameters": [ { "Name": "id", "From": "SELECT id FROM items LIMIT 100" } ] } ] } }
                ],
                "ReportFormats": [ "md" ]
              }
            }
            """);

        var run = await CliRunner.RunAsync("run", "--config", config, "--ci", "--out", temp.File("out"));

        Assert.True(run.ExitCode == 99, run.ToString());
        const string said = "db.statement(by_id) mean: no data (limit < 5): pg_stat_statements: not available (42P01: ";
        Assert.Contains(said, run.Out, StringComparison.Ordinal);
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        var statement = Assert.Single(result.Thresholds, t => t.Expression == "db.statement(by_id): mean < 5");
        Assert.True(statement.NoData);
        Assert.StartsWith(said, statement.Description, StringComparison.Ordinal);
        Assert.Contains(said, await File.ReadAllTextAsync(temp.File("out/summary.md")), StringComparison.Ordinal);
        var scans = Assert.Single(result.Thresholds, t => t.Expression == "db.seq_scans(items) == 0");
        Assert.True(scans.Passed, scans.Description);
        Assert.DoesNotContain(": pg_stat_statements", scans.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db.statement(unread) mean", "database", "db.statement(unread): no statement with its query's text in pg_stat_statements during the run (constants aside), so it has no data")]
    [InlineData("db.index_usage", "database", "db.index_usage counts the scans of tables of 1,000 rows or more: ...; no larger table was scanned, so it has no data")]
    [InlineData("db.index_hit_ratio", "database", "database counters at the end not read (timeout): the run's database figures have no data")]
    [InlineData("app.pool_usage max", "app-metrics", "no database pool metrics (db.client.connection.count, db.client.connection.max) in the answer: app.pool_usage has no data")]
    [InlineData("app.http_requests", "app-metrics", "'http_requests' (Target.Metrics) was not in any answer: app.http_requests has no data")]
    [InlineData("app.http_5xx_total max", "app-metrics", "'http_5xx_total' (Target.Metrics) was not in any answer: app.http_5xx_total has no data")]
    [InlineData("explain(profile) p95", "explain", "explain(profile): could not run (42P01: relation \"profiles\" does not exist): no data")]
    [InlineData("explain(profile) p95", "explain", "no database target (Target.ConnectionString): the explain(...) thresholds have no data")]
    public void The_reason_is_the_note_of_the_section_that_measures_the_figure(string metric, string section, string note)
    {
        var sections = new[]
        {
            new ReportSection { Id = section, Title = "t", Notes = ["an unrelated note", note] },
            new ReportSection { Id = "other", Title = "o", Notes = [$"{metric.Split(' ')[0]}: a note of another section: no data"] },
        };

        Assert.Equal(note, NoDataReasons.Reason(metric, sections));
    }

    [Fact]
    public void No_reason_is_made_up_when_no_note_says_one()
    {
        var sections = new[] { new ReportSection { Id = "database", Title = "Database", Notes = ["explain(profile): could not run: no data"] } };

        Assert.Null(NoDataReasons.Reason("db.statement(by_id) mean", sections));
        Assert.Null(NoDataReasons.Reason("p(95)", sections));
        Assert.Null(NoDataReasons.Reason("explain(profile) p95", sections));   // that note is not in the explain section
    }

    [Fact]
    public void A_figure_of_a_part_the_run_did_not_measure_says_which_setting_was_missing()
    {
        ReportSection[] none = [];

        Assert.Equal("the run has no database target (Target.ConnectionString), so it read no database figures", NoDataReasons.Reason("db.index_hit_ratio", none));
        Assert.Equal("the run has no Target.MetricsUrl, so it scraped no application metrics", NoDataReasons.Reason("app.pool_usage max", none));
    }
}
