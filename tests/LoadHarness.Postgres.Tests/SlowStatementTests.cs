using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>The seed's script 2 (statements with a mean above 50 ms) judges the workload, not diagnostics run beside it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SlowStatementTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_slow_query_is_a_finding_and_an_explain_analyze_of_it_is_not()
    {
        var db = await fixture.CreateDatabaseAsync("slow_statements");
        var first = await PostgresAudit.SnapshotAsync(db);
        await Db.WorkloadAsync(db, "SELECT pg_sleep($1)", new[] { 0.06, 0.06 });
        await Db.WorkloadAsync(db, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT pg_sleep($1)", new[] { 0.06, 0.06 });   // what bench-queries runs
        var second = await PostgresAudit.SnapshotAsync(db);

        var report = AuditAnalyzer.Analyze(second, first);

        var slow = Assert.Single(report.SlowStatements);
        Assert.StartsWith("SELECT pg_sleep(", slow.Query, StringComparison.Ordinal);
        Assert.True(slow.MeanMs >= 50, slow.MeanMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(report.Findings, f => f.Kind == "slow-statement");
    }
}
