using LoadHarness.Postgres.Audit;
using LoadHarness.Postgres.Health;
using Npgsql;

namespace LoadHarness.Postgres.Tests;

/// <summary>
/// The seed's index usage (&gt; 95 %) on a well-indexed database with a lookup table of a few rows, as pgbench has
/// (pgbench_branches: 10 rows, read by its key thousands of times a second). PostgreSQL reads such a table sequentially
/// whatever its indexes, so counting those scans made a healthy database miss the target: `db.index_usage` was 0.5 and
/// the run exited 99. Both the run's figure and the audit's target count tables of 8 pages or more, by the file's size:
/// after a pg_stat_reset() (the embedded sample resets after seeding) n_live_tup counts only the rows inserted since.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IndexUsageTests(PostgresFixture fixture)
{
    private const string Schema =
        """
        CREATE TABLE branches (id int PRIMARY KEY, name text NOT NULL);
        CREATE TABLE accounts (id int PRIMARY KEY, branch_id int NOT NULL REFERENCES branches (id), balance int NOT NULL);
        INSERT INTO branches SELECT g, 'branch ' || g FROM generate_series(1, 10) g;
        INSERT INTO accounts SELECT g, 1 + g % 10, 0 FROM generate_series(1, 5000) g;
        """;

    [Fact]
    public async Task Sequential_scans_of_a_ten_row_table_leave_the_index_usage_of_a_well_indexed_database_at_100_percent()
    {
        var db = await fixture.CreateDatabaseAsync("index_usage");
        await Db.ExecuteAsync(db, Schema);
        await Db.ExecuteAsync(db, "VACUUM ANALYZE");
        await Db.ExecuteAsync(db, "SELECT pg_stat_reset()");

        var auditBefore = await PostgresAudit.SnapshotAsync(db);
        var countersBefore = await CaptureAsync(db);
        await Db.WorkloadAsync(db, "SELECT name FROM branches WHERE id = $1", Enumerable.Range(1, 20).Select(i => 1 + i % 10));
        await Db.WorkloadAsync(db, "SELECT balance FROM accounts WHERE id = $1", Enumerable.Range(1, 20).Select(i => i * 7));
        var countersAfter = await CaptureAsync(db);
        var auditAfter = await PostgresAudit.SnapshotAsync(db);

        // The run's figures: the branches are read sequentially (the planner's choice for one page), the accounts by index.
        var (measurements, section) = DatabaseRunDelta.Compute(countersBefore, countersAfter, new Dictionary<string, string>());
        Assert.True(Value(measurements, "db.seq_scans(branches)") >= 20, Describe(measurements));
        Assert.True(Value(measurements, "db.idx_scans(accounts)") >= 20, Describe(measurements));
        Assert.Equal(0, Value(measurements, "db.seq_scans(accounts)"));
        Assert.Equal(1.0, Value(measurements, "db.index_usage"));
        var note = Assert.Single(section.Notes, n => n.StartsWith("db.index_usage", StringComparison.Ordinal));
        Assert.Contains("(branches)", note, StringComparison.Ordinal);
        Assert.True(countersAfter.Tables["accounts"].HeapPages >= 8, countersAfter.Tables["accounts"].ToString());
        Assert.Equal(1, countersAfter.Tables["branches"].HeapPages);

        // The audit's target over the same window, and its row counts after the reset.
        var audit = AuditAnalyzer.Analyze(auditAfter, auditBefore);
        var usage = Assert.Single(audit.Targets, t => t.Name.StartsWith("index usage", StringComparison.Ordinal));
        Assert.Equal("index usage (index scans ÷ all scans, tables ≥ 8 pages)", usage.Name);
        Assert.Equal(100, usage.Value);
        Assert.True(usage.Met);
        Assert.Equal(5000, Assert.Single(audit.Tables, t => t.Name == "accounts").LiveRows);   // pg_class.reltuples: n_live_tup was reset
        Assert.True(Assert.Single(audit.Tables, t => t.Name == "branches").SeqScans >= 20);
    }

    [Fact]
    public async Task A_missing_index_on_a_table_of_thousands_of_rows_still_misses_the_target()
    {
        var db = await fixture.CreateDatabaseAsync("index_usage_missing");
        await Db.ExecuteAsync(db, Schema);
        await Db.ExecuteAsync(db, "VACUUM ANALYZE");

        var before = await CaptureAsync(db);
        await Db.WorkloadAsync(db, "SELECT count(*) FROM accounts WHERE branch_id = $1", Enumerable.Range(1, 10)); // no index on branch_id
        await Db.WorkloadAsync(db, "SELECT balance FROM accounts WHERE id = $1", Enumerable.Range(1, 10));
        var after = await CaptureAsync(db);

        var (measurements, section) = DatabaseRunDelta.Compute(before, after, new Dictionary<string, string>());
        Assert.Equal(0.5, Value(measurements, "db.index_usage"));
        Assert.DoesNotContain(section.Notes, n => n.StartsWith("db.index_usage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_reset_a_table_of_thousands_of_rows_that_got_a_few_inserts_still_counts()
    {
        // A restored dump (never analyzed: reltuples -1), pg_stat_reset() for a clean gate, then a run that inserts a few
        // rows: n_live_tup says 5 of a 5,000-row table. Its size in pages says what it is.
        var db = await fixture.CreateDatabaseAsync("index_usage_reset");
        await Db.ExecuteAsync(db, Schema);
        await Db.ExecuteAsync(db, "SELECT pg_stat_reset()");

        var before = await CaptureAsync(db);
        await Db.ExecuteAsync(db, "INSERT INTO accounts SELECT g, 1, 0 FROM generate_series(5001, 5005) g");
        await Db.WorkloadAsync(db, "SELECT balance FROM accounts WHERE id = $1", Enumerable.Range(1, 10));
        var after = await CaptureAsync(db);

        Assert.Equal(5, await Db.ScalarAsync<long>(db, "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'accounts'"));
        var (measurements, section) = DatabaseRunDelta.Compute(before, after, new Dictionary<string, string>());
        Assert.Equal(1.0, Value(measurements, "db.index_usage"));
        Assert.DoesNotContain(section.Notes, n => n.Contains("accounts", StringComparison.Ordinal));   // (the foreign key checks read branches: left out)
    }

    private static async Task<DatabaseCounters> CaptureAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db + ";Pooling=false");
        await connection.OpenAsync();
        return await DatabaseCounters.CaptureAsync(connection, CancellationToken.None);
    }

    private static double Value(IReadOnlyList<Core.Results.Measurement> measurements, string name) =>
        Assert.Single(measurements, m => m.Name == name).Value;

    private static string Describe(IReadOnlyList<Core.Results.Measurement> measurements) =>
        string.Join(", ", measurements.Select(m => FormattableString.Invariant($"{m.Name}={m.Value}")));
}
