using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>What an audit does without rights or without pg_stat_statements: notes that say how to fix it, never a crash.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditRightsTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_role_without_pg_monitor_gets_the_audit_and_a_note_how_to_see_everything()
    {
        var db = await fixture.CreateDatabaseAsync("rights");
        await Db.ExecuteAsync(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_auditor') THEN CREATE ROLE plain_auditor LOGIN PASSWORD 'plain'; END IF; END $$");
        await Db.ExecuteAsync(db, "CREATE TABLE secrets (id int PRIMARY KEY, owner_id int NOT NULL, body text); INSERT INTO secrets SELECT g, g % 10, 'x' FROM generate_series(1, 2000) g");
        await Db.WorkloadAsync(db, "SELECT count(*) FROM secrets WHERE owner_id = $1", Enumerable.Range(0, 12));
        var asPlain = PostgresFixture.As(db, "plain_auditor", "plain");

        var report = await PostgresAudit.RunAsync(asPlain, new AuditOptions { BigTableRows = 1_000, MinScans = 5 });

        Assert.False(report.Server.CanReadAllStats);
        Assert.Equal("plain_auditor", report.Server.Role);
        Assert.Contains(report.Notes, n => n.Contains("not a member of pg_monitor", StringComparison.Ordinal)
            && n.Contains("GRANT pg_monitor TO plain_auditor;", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("statements of other roles are hidden from plain_auditor", StringComparison.Ordinal));
        // The counters are public: the table and its sequential scans are still audited, but no statement text suggests an index.
        var secrets = Assert.Single(report.Tables, t => t.Name == "secrets");
        Assert.True(secrets.SeqScans >= 12, $"{secrets.SeqScans} sequential scans");
        var finding = Assert.Single(report.Findings, f => f.Kind == "sequential-scans");
        Assert.Contains("find the statements that read it", finding.Message, StringComparison.Ordinal);

        await Db.ExecuteAsync(db, "GRANT pg_monitor TO plain_auditor");
        try
        {
            var monitored = await PostgresAudit.RunAsync(asPlain, new AuditOptions { BigTableRows = 1_000, MinScans = 5 });
            Assert.True(monitored.Server.CanReadAllStats);
            Assert.DoesNotContain(monitored.Notes, n => n.Contains("pg_monitor", StringComparison.Ordinal));
            Assert.Equal("CREATE INDEX CONCURRENTLY ON secrets (owner_id);", Assert.Single(monitored.Findings, f => f.Kind == "sequential-scans").Sql);
        }
        finally
        {
            await Db.ExecuteAsync(db, "REVOKE pg_monitor FROM plain_auditor");
        }
    }

    [Fact]
    public async Task A_part_the_role_may_not_read_becomes_a_note()
    {
        var db = await fixture.CreateDatabaseAsync("revoked");
        await Db.ExecuteAsync(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_auditor') THEN CREATE ROLE plain_auditor LOGIN PASSWORD 'plain'; END IF; END $$");
        await Db.ExecuteAsync(db, "REVOKE ALL ON pg_stat_statements FROM PUBLIC");

        var report = await PostgresAudit.RunAsync(PostgresFixture.As(db, "plain_auditor", "plain"));

        Assert.Equal(StatementsAvailability.NoPermission, report.StatementsAvailability);
        Assert.Contains(report.Notes, n => n.StartsWith("pg_stat_statements: skipped, plain_auditor may not read it", StringComparison.Ordinal));
        Assert.Null(Assert.Single(report.Targets, t => t.Name.StartsWith("statements with mean", StringComparison.Ordinal)).Met);
    }

    [Fact]
    public async Task Without_pg_stat_statements_the_rest_runs_and_a_note_says_how_to_enable_it()
    {
        var db = await fixture.CreateDatabaseAsync("nostatements");
        await Db.ExecuteAsync(db, "DROP EXTENSION pg_stat_statements");
        await Db.ExecuteAsync(db, "CREATE TABLE parents (id int PRIMARY KEY); CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parents (id)); "
            + "INSERT INTO parents SELECT generate_series(1, 100); INSERT INTO children SELECT g, 1 + g % 100 FROM generate_series(1, 3000) g");
        await Db.ExecuteAsync(db, "ANALYZE");
        await Db.WorkloadAsync(db, "SELECT count(*) FROM children WHERE parent_id = $1", Enumerable.Range(1, 10));

        var report = await PostgresAudit.RunAsync(db, new AuditOptions { BigTableRows = 1_000, MinScans = 5 });

        Assert.Equal(StatementsAvailability.NotInstalled, report.StatementsAvailability);
        var note = Assert.Single(report.Notes, n => n.StartsWith("pg_stat_statements is not installed", StringComparison.Ordinal));
        Assert.Contains("shared_preload_libraries = 'pg_stat_statements'", note, StringComparison.Ordinal);
        Assert.Contains("CREATE EXTENSION pg_stat_statements;", note, StringComparison.Ordinal);
        Assert.Empty(report.SlowStatements);
        // Without statement texts the suggestion comes from the unindexed foreign key.
        var finding = Assert.Single(report.Findings, f => f.Kind == "sequential-scans" && f.Subject == "children");
        Assert.Contains("its unindexed foreign key", finding.Message, StringComparison.Ordinal);
        Assert.Equal("CREATE INDEX CONCURRENTLY ON children (parent_id);", finding.Sql);
        Assert.Single(report.UnindexedForeignKeys);
    }
}
