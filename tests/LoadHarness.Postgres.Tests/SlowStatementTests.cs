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

    [Fact]
    public async Task A_slow_statement_whose_text_the_role_may_not_read_leaves_the_target_unknown_not_met()
    {
        var db = await fixture.CreateDatabaseAsync("slow_hidden");
        await Db.ExecuteAsync(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_auditor') THEN CREATE ROLE plain_auditor LOGIN PASSWORD 'plain'; END IF; END $$");
        await Db.WorkloadAsync(db, "SELECT pg_sleep($1)", new[] { 0.06, 0.06 });
        static AuditTarget Target(AuditReport r) => Assert.Single(r.Targets, t => t.Name.StartsWith("statements with mean", StringComparison.Ordinal));

        var hidden = await PostgresAudit.RunAsync(PostgresFixture.As(db, "plain_auditor", "plain"));
        var seen = await PostgresAudit.RunAsync(db);

        // Before: "0, ok" for the role without pg_monitor, beside the same statement MISSED for the owner.
        Assert.Empty(hidden.SlowStatements);
        Assert.Null(Target(hidden).Met);
        Assert.Matches(@"^0 \([1-9]\d* more with hidden texts\)$", Target(hidden).Target); // the fixture's own DDL may be slow too
        Assert.False(Target(seen).Met);
        Assert.Equal(1, Target(seen).Value);
    }
}
