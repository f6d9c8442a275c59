using TargetApi.Database;
using Xunit;

namespace TargetApi.Tests;

[Collection(SampleCollection.Name)]
public sealed class MigrationTests(SampleFixture fixture)
{
    // Enough rows that the planner prefers an index to a seq scan once one exists (200 users fit in a few pages).
    private const int Users = 1_000;

    [Fact]
    public async Task The_index_migration_turns_the_five_benchmark_queries_seq_scans_into_index_scans()
    {
        var db = await fixture.Postgres.CreateDatabaseAsync("target_api_migration");
        await SampleDatabase.CreateAsync(db, new SampleDatabaseOptions { Users = Users });
        var queries = SeedBenchmarkQuery.ForUser(42);

        foreach (var query in queries)
        {
            var before = await PlanNode.ExplainAsync(db, query.Sql);
            Assert.True(before.Any(n => n.NodeType == "Seq Scan" && n.Relation == query.Table),
                $"{query.Name} before the migration: expected a Seq Scan on {query.Table}, got {string.Join(", ", before)}");
        }

        await SampleDatabase.ApplyIndexesAsync(db);
        await SampleDatabase.CheckpointAndAnalyzeAsync(db);

        foreach (var query in queries)
        {
            var after = await PlanNode.ExplainAsync(db, query.Sql);
            Assert.True(after.All(n => n.NodeType != "Seq Scan") && after.Any(n => n.IsIndexScan && n.Index == query.ExpectedIndex),
                $"{query.Name} after the migration: expected a scan of {query.ExpectedIndex}, got {string.Join(", ", after)}");
        }

        // The unread count is answered from the partial index alone once the visibility map is set.
        var unread = await PlanNode.ExplainAsync(db, queries.Single(q => q.Name == "unread_count").Sql);
        Assert.Contains(unread, n => n.NodeType == "Index Only Scan");
    }

    [Fact]
    public async Task A_months_api_usage_query_is_pruned_to_one_partition()
    {
        var month = DateTime.UtcNow.AddMonths(-1);
        var sql = $"SELECT count(*) FROM api_usage_logs WHERE created_at >= '{month:yyyy-MM}-01' AND created_at < '{month.AddMonths(1):yyyy-MM}-01'";

        var plan = await PlanNode.ExplainAsync(fixture.Database.OwnerConnectionString, sql);

        var partitions = plan.Where(n => n.Relation?.StartsWith("api_usage_logs_", StringComparison.Ordinal) == true).Select(n => n.Relation).Distinct().ToList();
        Assert.Equal([$"api_usage_logs_{month:yyyy_MM}"], partitions);
    }

    [Fact]
    public async Task The_index_migration_is_idempotent()
    {
        await SampleDatabase.ApplyIndexesAsync(fixture.Database.OwnerConnectionString);
        await SampleDatabase.ApplyIndexesAsync(fixture.Database.OwnerConnectionString);

        Assert.Equal(13, await Db.ScalarAsync<long>(fixture.Database.OwnerConnectionString,
            "SELECT count(DISTINCT indexname) FROM pg_indexes WHERE indexname LIKE 'idx\\_%'"));
    }
}
