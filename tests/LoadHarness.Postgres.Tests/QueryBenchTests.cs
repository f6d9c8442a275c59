using LoadHarness.Postgres.QueryBench;
using TargetApi.Database;

namespace LoadHarness.Postgres.Tests;

/// <summary>
/// bench-queries on the sample (500 users, "big" from 200 rows): before the index migration the seed's queries read
/// their tables sequentially and fail on it; after it they use the migration's indexes and meet the seed's targets.
/// Plans are asserted rather than times: a 5 ms target cannot be missed reliably by a 25,000-row scan on a fast machine.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QueryBenchTests(PostgresFixture fixture)
{
    private static readonly QueryBenchOptions Options = new() { Runs = 5, BigTableRows = 200, FailOnBigSequentialScan = true };

    [Fact]
    public async Task Before_the_migration_the_seeds_queries_scan_sequentially_and_after_it_they_use_its_indexes_and_meet_the_targets()
    {
        var db = await fixture.CreateDatabaseAsync("sample_bench");
        await SampleDatabase.CreateAsync(db, new SampleDatabaseOptions { Users = 500 });

        var before = await QueryBenchRunner.RunAsync(db, SeedQueries.All, Options);

        Assert.False(before.Passed);
        foreach (var (query, table) in new[] { ("profile", "profiles"), ("unread_count", "notifications"), ("session", "user_sessions"), ("api_keys", "api_keys"), ("timeline", "work_experiences") })
        {
            var result = Result(before, query);
            Assert.Null(result.Error);
            Assert.Contains("Seq Scan", result.NodeTypes);
            Assert.Equal([table], result.BigSequentialScans);
            Assert.True(result.Failed, query);
            Assert.Equal(5, result.Runs);
            Assert.True(result.ParameterRows >= 5, $"{query}: {result.ParameterRows} parameter rows");
            Assert.True(result.SharedHitMedian + result.SharedReadMedian > 0, $"{query}: no buffers");
        }

        await SampleDatabase.ApplyIndexesAsync(db);
        await SampleDatabase.CheckpointAndAnalyzeAsync(db);
        var after = await QueryBenchRunner.RunAsync(db, SeedQueries.All, Options);

        Assert.True(after.Passed, string.Join("\n", after.Queries.Select(q => $"{q.Name}: {string.Join(", ", q.Scans)} {q.MeasuredMs} {q.Error}")));
        foreach (var result in after.Queries)
        {
            Assert.True(result.Met, result.Name);
            Assert.DoesNotContain("Seq Scan", result.NodeTypes);
            Assert.Empty(result.BigSequentialScans);
        }

        Assert.Contains(Result(after, "unread_count").Scans, s => s.Index == "idx_notifications_user_unread");
        Assert.Contains(Result(after, "session").Scans, s => s.Index == "idx_user_sessions_refresh_token_active");
        Assert.Contains(Result(after, "timeline").Scans, s => s.Index == "idx_work_exp_user_start");
        var rls = Result(after, "unread_count_rls");
        Assert.Equal("target_api", rls.Role);
        Assert.NotNull(rls.RlsOverheadMs);
        Assert.True(rls.RlsMet);

        var comparison = BenchComparison.Build(before, after);
        var unread = Assert.Single(comparison.Queries, q => q.Name == "unread_count");
        Assert.Equal("Seq Scan (notifications)", unread.BeforePlan);
        Assert.Contains("idx_notifications_user_unread", unread.AfterPlan, StringComparison.Ordinal);
        Assert.True(unread.MetAfter);
    }

    [Fact]
    public async Task A_query_that_cannot_run_fails_with_its_reason_and_the_others_still_run()
    {
        var db = await fixture.CreateDatabaseAsync("bench_errors");
        await Db.ExecuteAsync(db, "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g");
        BenchQuery[] queries =
        [
            new() { Name = "typo", Sql = "SELECT * FROM itemz WHERE id = @id", Parameters = [new("id", "SELECT id FROM items")] },
            new() { Name = "no_rows", Sql = "SELECT * FROM items WHERE id = @id", Parameters = [new("id", "SELECT id FROM items WHERE false")] },
            new() { Name = "update", Sql = "UPDATE items SET name = 'x' WHERE id = @id", Parameters = [new("id", "SELECT id FROM items")], Target = QueryTarget.Milliseconds(1_000) },
        ];

        var report = await QueryBenchRunner.RunAsync(db, queries, new QueryBenchOptions { Runs = 3 });

        Assert.False(report.Passed);
        Assert.Equal("42P01: relation \"itemz\" does not exist", Result(report, "typo").Error);
        Assert.StartsWith("parameter id: its From query returned no rows", Result(report, "no_rows").Error, StringComparison.Ordinal);
        var update = Result(report, "update");
        Assert.Null(update.Error);
        Assert.True(update.Met);
        Assert.Contains("ModifyTable", update.NodeTypes);
        Assert.Equal(0, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM items WHERE name = 'x'"));   // every run was rolled back
    }

    [Theory]
    [InlineData("p(95) < 5", "p(95)", 95, 5)]
    [InlineData("p(99.9)<0.5ms", "p(99.9)", 99.9, 0.5)]
    [InlineData("median < 10", "median", 50, 10)]
    [InlineData("max < 50", "max", 100, 50)]
    [InlineData("avg < 3", "avg", 0, 3)]
    [InlineData("20", "p(95)", 95, 20)]
    public void A_target_is_a_statistic_below_milliseconds(string text, string statistic, double percentile, double ms)
    {
        Assert.True(QueryTarget.TryParse(text, out var target, out var error), error);
        Assert.Equal(new QueryTarget(statistic, percentile, ms), target);
    }

    [Theory]
    [InlineData("p(95) > 5", "is not a target")]
    [InlineData("p(0) < 5", "the percentile must be above 0")]
    [InlineData("-3", "must be a positive number")]
    [InlineData("", "is empty")]
    public void A_bad_target_says_why(string text, string expected)
    {
        Assert.False(QueryTarget.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static QueryBenchResult Result(QueryBenchReport report, string name) => Assert.Single(report.Queries, q => q.Name == name);
}
